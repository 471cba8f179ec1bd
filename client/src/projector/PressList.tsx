import type { ClientView } from "../core/mergeView";
import { t } from "../texts";

const T = t.projector.press;
const SHOWN = 3;

/** Statements to the press (the public channel), newest first. */
export function PressList({ view }: { view: ClientView }) {
  const press = view.channels.find((c) => c.kind === "press");
  const all = [...(press?.messages ?? [])].reverse();
  // A wall screen cannot be scrolled by the room: the newest few, and a count of the rest.
  const messages = all.slice(0, SHOWN);
  const from = (id: string) =>
    id === "control" ? t.projector.control : (view.seats.find((s) => s.id === id)?.title ?? id);
  return (
    <section className="proj-panel" aria-labelledby="proj-press-title" data-testid="projector-press">
      <h2 id="proj-press-title">{T.title}</h2>
      {messages.length === 0 ? (
        <p className="proj-empty">{T.empty}</p>
      ) : (
        <ol className="proj-press">
          {messages.map((m) => (
            <li key={m.seq}>
              <p className="proj-quote">“{m.text}”</p>
              <p className="proj-by">
                — {from(m.from)}, {time(m.at)}
              </p>
            </li>
          ))}
        </ol>
      )}
      {all.length > SHOWN && <p className="proj-by">{T.earlier(all.length - SHOWN)}</p>}
    </section>
  );
}

export const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
