import { type PublicScenario, planMinutes } from "../../../shared/index";
import { Markdown } from "../common/Markdown";
import { useScenario } from "../facilitator/scenarios";
import { t } from "../texts";
import "./handout.css";

const H = t.classroom.handout;

/**
 * The pre-reading handout for homework: the scenario's public background, both delegations and
 * the issues with their options, printable. Built from the public scenario only (the server's
 * GET /api/scenarios/:id, shared/scenario/public.ts), so no brief, points, reservation or
 * objective can reach it.
 */
export function Handout({ scenarioId }: { scenarioId: string }) {
  const raw = new URLSearchParams(window.location.search).get("version");
  const version = raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
  const plan = new URLSearchParams(window.location.search).get("plan");
  const scenario = useScenario(scenarioId, version);
  if (!scenario)
    return (
      <main className="page handout" id="main" aria-busy="true">
        <p>{t.common.loading}</p>
      </main>
    );
  return <HandoutBody scenario={scenario} planId={plan} />;
}

function HandoutBody({ scenario, planId }: { scenario: PublicScenario; planId: string | null }) {
  const plan = planId ? planMinutes(scenario, planId) : null;
  const issueTitle = (id: string) => scenario.issues.find((i) => i.id === id)?.title ?? id;
  return (
    <main className="page handout" id="main" data-testid="handout">
      <p className="no-print">
        <button type="button" onClick={() => window.print()}>
          {H.print}
        </button>
      </p>
      <p className="handout-kicker">{H.kicker}</p>
      <h1>{scenario.title}</h1>
      <p className="lead">{scenario.summary}</p>
      <section aria-label={scenario.title}>
        <Markdown text={scenario.background} headingLevel={2} />
      </section>

      <section aria-labelledby="ho-sides">
        <h2 id="ho-sides">{H.delegations}</h2>
        <div className="handout-sides">
          {scenario.sides.map((side) => (
            <div key={side.id} className="handout-side" data-testid={`handout-side-${side.id}`}>
              <h3>{side.name}</h3>
              <ul>
                {scenario.roles
                  .filter((r) => r.side === side.id)
                  .map((r) => (
                    <li key={r.id}>
                      <strong>{r.title}</strong>
                      {r.id === side.leader && ` (${H.leads})`}
                      {r.optional && ` ${H.optional}`}
                      {r.portfolio.length > 0 && (
                        <>
                          <br />
                          <span className="hint">{H.holds(r.portfolio.map(issueTitle).join(", "))}</span>
                        </>
                      )}
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby="ho-issues">
        <h2 id="ho-issues">{H.issues}</h2>
        {scenario.issues.map((issue) => (
          <div key={issue.id} className="handout-issue">
            <h3>{issue.title}</h3>
            {issue.description && <p>{issue.description}</p>}
            <ol>
              {issue.options.map((o) => (
                <li key={o.id}>
                  <strong>{o.label}</strong>
                  {o.id === issue.noDeal && <em> ({H.noDeal})</em>}
                  {o.description && `: ${o.description}`}
                </li>
              ))}
            </ol>
          </div>
        ))}
      </section>

      <section aria-labelledby="ho-timing">
        <h2 id="ho-timing">{H.timing}</h2>
        <ul>
          {scenario.phases.map((p) => (
            // Minutes only from a named plan: a game may run its own lengths, which this page does not know.
            <li key={p.id}>{plan ? H.phase(p.title, plan.phases[p.id] ?? p.minutes) : p.title}</li>
          ))}
        </ul>
        <p className="hint">{H.footer}</p>
      </section>
    </main>
  );
}
