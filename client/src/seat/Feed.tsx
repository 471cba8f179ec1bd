import { Markdown } from "../common/Markdown";
import { t } from "../texts";
import { listOf, type Model, timeOf } from "./model";

/** Injects played, facilitator notes and private reveals, newest first. */
export function Feed({ m }: { m: Model }) {
  const f = t.seat.feed;
  const items = [...m.view.feed].reverse();
  const recipients = (to: string[]) =>
    listOf(to.map((id) => (m.scenario.sides.some((s) => s.id === id) ? m.sideName(id) : m.seatTitle(id))));
  return (
    <section className="panel" aria-labelledby="feed-title" data-testid="feed">
      <div className="panel-head">
        <h2 id="feed-title">{f.title}</h2>
      </div>
      {items.length === 0 ? (
        <p className="hint">{f.empty}</p>
      ) : (
        <ol className="feed">
          {items.map((item) => (
            <li key={`${item.seq}-${item.kind}-${item.text.slice(0, 20)}`} className={`feed-item feed-${item.kind}`}>
              <div className="feed-meta">
                <span className={`tag feed-kind-${item.kind}`}>{f.kind[item.kind]}</span>
                <time>{timeOf(item.at)}</time>
                {item.to && <span className="hint">{f.onlyFor(recipients(item.to))}</span>}
              </div>
              {item.title && <h3>{item.title}</h3>}
              <Markdown text={item.text} headingLevel={4} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
