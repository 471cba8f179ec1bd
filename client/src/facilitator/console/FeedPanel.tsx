import type { ClientView } from "../../core/mergeView";
import { t } from "../../texts";
import { clockTime, type Labels } from "./labels";

const T = t.facilitator.console.feed;

/** What Control has put out so far (injects, notes, private reveals), newest first. */
export function FeedPanel({ view, labels }: { view: ClientView; labels: Labels }) {
  const items = [...view.feed].reverse();
  return (
    <section className="card con-feed-panel" aria-labelledby="con-feed-title">
      <h2 id="con-feed-title">{T.title}</h2>
      {items.length === 0 ? (
        <p className="hint">{T.empty}</p>
      ) : (
        <ol className="con-feed" data-testid="console-feed">
          {items.map((f) => (
            <li key={`${f.seq}-${f.kind}-${f.to?.join() ?? ""}-${f.text.slice(0, 40)}`}>
              <div>
                <span className={`fac-tag fac-tag-${f.kind}`}>{T.kind[f.kind]}</span>{" "}
                {f.title && <strong>{f.title}</strong>}
              </div>
              <div>{f.text}</div>
              <div className="hint">
                {T.to(labels.recipients(f.to))} · {clockTime(f.at)}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
