import { agendaInPlay } from "../../../shared/index";
import { Markdown } from "../common/Markdown";
import { t } from "../texts";
import { listOf, type Model } from "./model";

/**
 * The seat's brief: how to play, the role's objectives, the role's and the side's confidential
 * briefs, the phases, and the public background. Open on first load, reachable all game long.
 */
export function Briefs({ m, onClose }: { m: Model; onClose: () => void }) {
  const { view, scenario, role, side } = m;
  const b = t.seat.brief;
  const objectives = view.mine?.role.objectives ?? [];
  return (
    <section className="panel seat-brief" id="seat-brief" aria-labelledby="brief-title" data-testid="brief">
      <div className="panel-head">
        <h2 id="brief-title" tabIndex={-1}>
          {b.title(role.title, side.name)}
        </h2>
        <button type="button" onClick={onClose} data-testid="brief-close">
          {b.close}
        </button>
      </div>
      <p className="private-note">{b.secret(side.name)}</p>

      <div className="brief-columns">
        <div>
          <section className="brief-howto" aria-labelledby="howto-title">
            <h3 id="howto-title">{b.howTo}</h3>
            <ol>
              {b.steps(side.name, m.otherSide.name, scenario.rules.minimumIssues).map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ol>
          </section>

          <section aria-labelledby="objectives-title">
            <h3 id="objectives-title">{b.objectives(role.title)}</h3>
            <p className="hint">{b.objectivesHint(side.name)}</p>
            {objectives.length === 0 ? (
              <p>{b.noObjectives}</p>
            ) : (
              <ul className="objectives">
                {objectives.map((o) => (
                  <li key={o.id}>
                    <span className={o.points >= 0 ? "obj-points obj-gain" : "obj-points obj-loss"}>
                      {b.objectivePoints(o.points)}
                    </span>{" "}
                    {o.description}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="phases-title">
            <h3 id="phases-title">{b.phases}</h3>
            <ol className="brief-phases">
              {scenario.phases.map((p) => {
                // Only the issues someone acting in that phase can propose (agendaInPlay).
                const agenda = agendaInPlay(p, scenario.roles);
                const acting =
                  p.acting === "all"
                    ? b.everyone
                    : listOf(p.acting.map((id) => scenario.roles.find((r) => r.id === id)?.title ?? id));
                return (
                  <li key={p.id}>
                    <strong>{p.title}</strong> ({t.common.minutes(p.minutes)}){": "}
                    {(p.moves as string[]).includes("propose") && agenda.length > 0
                      ? b.phaseAgenda(
                          listOf(agenda.map((id) => m.issueTitle(id))),
                          p.acting === "all" || p.acting.length > 0 ? acting : b.nobody,
                        )
                      : (p.moves as string[]).includes("sign")
                        ? ""
                        : b.phaseNoAgenda}
                    {(p.moves as string[]).includes("sign") && b.phaseSign}
                  </li>
                );
              })}
            </ol>
          </section>
        </div>

        <div>
          <section aria-labelledby="role-brief-title">
            <h3 id="role-brief-title">{b.roleBrief(role.title)}</h3>
            {view.mine?.role.brief ? <Markdown text={view.mine.role.brief} headingLevel={4} /> : <p>{b.empty}</p>}
          </section>
          <section aria-labelledby="side-brief-title">
            <h3 id="side-brief-title">{b.sideBrief(side.name)}</h3>
            {view.mine?.side.brief ? <Markdown text={view.mine.side.brief} headingLevel={4} /> : <p>{b.empty}</p>}
          </section>
          <details className="brief-background">
            <summary>{b.background}</summary>
            <Markdown text={scenario.background} headingLevel={4} />
          </details>
        </div>
      </div>
      <button type="button" onClick={onClose}>
        {b.close}
      </button>
    </section>
  );
}
