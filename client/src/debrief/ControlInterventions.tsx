import { publicScenario } from "../../../shared/index";
import { effectText, labelsOf } from "../facilitator/console/labels";
import type { GameRecord } from "../replay/record";
import { t } from "../texts";
import { interventionsOf } from "./interventions";
import type { Debrief as Model } from "./model";

const T = t.control.debrief;

/**
 * "Control interventions" (rules version 4): every ruling on the draft, written inject with effects
 * and undo, with its stated reason, when and in which phase it came. The debrief opens only once
 * the scenario reveals at the end, so the effects (a side's points) are shown as they were.
 */
export function ControlInterventions({ model, record }: { model: Model; record: GameRecord }) {
  const items = interventionsOf(record.events, model.final);
  const s = model.scenario;
  if (items.length === 0) return null;
  const labels = labelsOf({
    scenario: publicScenario(s),
    seats: s.roles.map((r) => ({ id: r.id, side: r.side, title: r.title })),
    channels: [],
  });
  const phaseOf = (seq: number) =>
    model.phaseStarts.filter((p) => p.seq <= seq).at(-1)?.title ?? s.phases[0]?.title ?? "";
  const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return (
    <section className="card deb-section" aria-labelledby="deb-control-title" data-testid="debrief-interventions">
      <h2 id="deb-control-title">{T.title}</h2>
      <p>{T.intro}</p>
      <ol className="deb-interventions">
        {items.map((x) => (
          <li key={x.seq} data-testid={`debrief-intervention-${x.kind}`}>
            <strong>
              {x.kind === "inject" ? t.facilitator.console.feed.kind.inject : t.control.kind[x.kind]}: {x.title}
            </strong>{" "}
            <span className="hint">{T.at(time(x.at), phaseOf(x.seq))}</span>
            <div>{x.reason || T.noReason}</div>
            {x.effects.length > 0 && (
              <ul>
                {x.effects.map((e, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: an inject's effects are a fixed list
                  <li key={i}>{effectText(e, labels)}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
