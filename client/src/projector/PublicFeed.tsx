import type { ClientView } from "../core/mergeView";
import { t } from "../texts";
import { time } from "./PressList";

const T = t.projector.feed;
const SHOWN = 2;

/** Injects and Control's notes made public (to everyone), newest first; the latest one stands out. */
export function PublicFeed({ view }: { view: ClientView }) {
  // By seq, newest first, not by arrival: a merged view can hold an item fetched late (after a
  // reconnect) behind newer ones, and "Latest" must never stay on an old note.
  const all = view.feed
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.kind !== "reveal" && f.to === null)
    .sort((a, b) => b.f.seq - a.f.seq || b.i - a.i)
    .map(({ f }) => f);
  if (all.length === 0) return null;
  // A wall screen cannot be scrolled by the room: the newest few, and a count of the rest.
  const items = all.slice(0, SHOWN);
  return (
    <section className="proj-panel" aria-labelledby="proj-feed-title" data-testid="projector-feed">
      <h2 id="proj-feed-title">{T.title}</h2>
      <ol className="proj-feed">
        {items.map((f, i) => (
          <li key={`${f.seq}-${f.kind}-${f.title}`} className={i === 0 ? "proj-latest" : undefined}>
            <span className="proj-tag">
              {f.kind === "inject"
                ? T.inject
                : f.kind === "ruling" || f.kind === "undo"
                  ? t.control.kind[f.kind]
                  : T.note}
            </span>
            {i === 0 && <span className="proj-tag proj-tag-new">{T.latest}</span>}
            {f.title && <h3>{f.title}</h3>}
            <p>{f.text}</p>
            <p className="proj-by">{time(f.at)}</p>
          </li>
        ))}
      </ol>
      {all.length > SHOWN && <p className="proj-by">{T.earlier(all.length - SHOWN)}</p>}
    </section>
  );
}
