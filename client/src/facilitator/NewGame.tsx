import { useId, useState } from "react";
import { createdGame } from "../../../shared/contract/index";
import { changedPhaseMinutes, type PublicScenario, planMinutes } from "../../../shared/index";
import { GAME_PHASE_MINUTES } from "../../../shared/scenario/schema";
import { api } from "../core/api";
import { saveCodes } from "../core/gameCodes";
import { Link, useRouter } from "../core/router";
import { storage } from "../core/storage";
import { useFacilitatorKey } from "../core/useStoredSeat";
import { t } from "../texts";
import { requireFacilitatorKey } from "./access";
import { ErrorText } from "./ErrorText";
import { describeError } from "./errors";
import { ScenarioUpload } from "./ScenarioUpload";
import { LeaveOutRoles, useScenarioChoice } from "./SetupFields";
import { useScenario } from "./scenarios";
import "./facilitator.css";

const T = t.facilitator.newGame;
const P = t.classroom.plans;

/** Create a game: a scenario (or a new one uploaded), its title, phase lengths and seats. */
export function NewGame() {
  const { list, listError, chosen, setChosen, loadList } = useScenarioChoice();
  const selectId = useId();
  const key = useFacilitatorKey();

  const scenario = useScenario(chosen?.id, chosen?.version);
  const current = scenario && chosen && scenario.id === chosen.id && scenario.version === chosen.version;

  return (
    <main className="page fac fac-narrow" id="main">
      <nav className="fac-crumbs no-print" aria-label={t.facilitator.nav.label}>
        <Link to="/facilitator">{t.facilitator.nav.dashboard}</Link>
      </nav>
      <h1>{T.title}</h1>
      {!key && (
        <div className="fac-notice" role="note" data-testid="sign-in-first">
          <p>
            <strong>{t.access.signIn.needKey}</strong> {t.access.signIn.ask}
          </p>
          <p>
            <Link to="/facilitator">{t.access.signIn.toDashboard}</Link>
          </p>
        </div>
      )}

      <section className="card" aria-labelledby="ng-scenario-title">
        <h2 id="ng-scenario-title">{T.scenarioTitle}</h2>
        <label htmlFor={selectId}>{T.scenarioLabel}</label>
        <select
          id={selectId}
          data-testid="scenario-select"
          value={chosen?.id ?? ""}
          disabled={!list}
          onChange={(e) => {
            const l = list?.find((x) => x.id === e.target.value);
            if (l) setChosen({ id: l.id, version: l.version });
          }}
        >
          {!list && <option value="">{t.common.loading}</option>}
          {list?.map((s) => (
            <option key={s.id} value={s.id}>
              {T.scenarioOption(s.title, s.version)}
            </option>
          ))}
        </select>
        {chosen && list && <p className="hint">{list.find((s) => s.id === chosen.id)?.summary}</p>}
        <ErrorText message={listError} />
        <details className="fac-upload-box">
          <summary>{T.uploadSummary}</summary>
          <ScenarioUpload onUploaded={(id, version) => loadList({ id, version })} />
        </details>
      </section>

      {current ? (
        <GameForm key={`${scenario.id}@${scenario.version}`} scenario={scenario} />
      ) : (
        <p>{t.common.loading}</p>
      )}
    </main>
  );
}

function GameForm({ scenario }: { scenario: PublicScenario }) {
  const { navigate } = useRouter();
  const [title, setTitle] = useState(scenario.title);
  const [minutes, setMinutes] = useState<Record<string, string>>(() =>
    Object.fromEntries(scenario.phases.map((p) => [p.id, String(p.minutes)])),
  );
  const [leaveOut, setLeaveOut] = useState<Set<string>>(() => new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [planId, setPlanId] = useState("");
  const titleId = useId();
  const planSelectId = useId();
  const plans = scenario.timingPlans ?? [];
  const plan = planId ? planMinutes(scenario, planId) : null;

  // Choosing a plan fills in every phase's minutes; they stay editable, and the period total
  // below follows the edits (the plan's joining and debrief minutes plus the play as typed).
  const choosePlan = (id: string) => {
    setPlanId(id);
    const counted = id ? planMinutes(scenario, id) : null;
    const lengths = counted?.phases ?? Object.fromEntries(scenario.phases.map((p) => [p.id, p.minutes]));
    setMinutes(Object.fromEntries(Object.entries(lengths).map(([k, v]) => [k, String(v)])));
  };

  const badMinutes = (v: string | undefined) => {
    const n = Number(v);
    return (
      v === undefined ||
      v.trim() === "" ||
      !Number.isFinite(n) ||
      n < GAME_PHASE_MINUTES.min ||
      n > GAME_PHASE_MINUTES.max
    );
  };
  const total = scenario.phases.reduce((n, p) => n + (Number(minutes[p.id]) || 0), 0);
  const invalid = scenario.phases.some((p) => badMinutes(minutes[p.id])) || title.trim().length > 200;

  async function create(e: React.FormEvent) {
    e.preventDefault();
    if (invalid) return;
    setBusy(true);
    setError(null);
    try {
      const key = requireFacilitatorKey();
      const typed = Object.fromEntries(scenario.phases.map((p) => [p.id, Number(minutes[p.id])]));
      const phaseMinutes = changedPhaseMinutes(scenario, typed);
      const g = await api("/api/games", createdGame, {
        method: "POST",
        token: key,
        body: {
          scenarioId: scenario.id,
          scenarioVersion: scenario.version,
          ...(title.trim() ? { title: title.trim() } : {}),
          ...(Object.keys(phaseMinutes).length ? { phaseMinutes } : {}),
          ...(leaveOut.size ? { leaveOut: [...leaveOut] } : {}),
        },
      });
      saveCodes(g.gameId, { joinCodes: g.joinCodes, observerCode: g.observerCode });
      storage.setSeat(g.gameId, { token: g.facilitatorToken, seat: "facilitator" });
      navigate(`/facilitator/games/${g.gameId}`);
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={create} aria-labelledby="ng-game-title" noValidate>
      <h2 id="ng-game-title">{T.gameTitle}</h2>
      <label htmlFor={titleId}>{T.titleLabel}</label>
      <input
        id={titleId}
        data-testid="game-title"
        value={title}
        maxLength={200}
        onChange={(e) => setTitle(e.target.value)}
        aria-describedby={`${titleId}-hint`}
      />
      <p className="hint" id={`${titleId}-hint`}>
        {T.titleHint}
      </p>

      {plans.length > 0 && (
        <fieldset className="fac-fieldset">
          <legend>{P.legend}</legend>
          <label htmlFor={planSelectId}>{P.label}</label>
          <select
            id={planSelectId}
            data-testid="timing-plan"
            value={planId}
            onChange={(e) => choosePlan(e.target.value)}
            aria-describedby={`${planSelectId}-hint`}
          >
            <option value="">{P.none}</option>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
          <p className="hint" id={`${planSelectId}-hint`}>
            {plan?.plan.description ?? P.hint}
          </p>
          {plan?.plan.readingAtHome && (
            <p className="hint" data-testid="plan-reading">
              {P.readingAtHome} {/* A new tab: following it here would lose the form. */}
              <a
                href={`/handout/${encodeURIComponent(scenario.id)}?version=${scenario.version}&plan=${encodeURIComponent(planId)}`}
                target="_blank"
                rel="noopener"
              >
                {t.classroom.handout.link}
              </a>
            </p>
          )}
        </fieldset>
      )}

      <fieldset className="fac-fieldset">
        <legend>{T.phasesLegend}</legend>
        <p className="hint">{T.phasesHint}</p>
        <div className="fac-phases">
          {scenario.phases.map((p) => {
            const bad = badMinutes(minutes[p.id]);
            const inputId = `ng-phase-${p.id}`;
            return (
              <div key={p.id} className="fac-phase">
                <label htmlFor={inputId}>{p.title}</label>
                <div className="fac-inline">
                  <input
                    id={inputId}
                    type="number"
                    inputMode="numeric"
                    min={GAME_PHASE_MINUTES.min}
                    max={GAME_PHASE_MINUTES.max}
                    step={1}
                    value={minutes[p.id] ?? ""}
                    aria-invalid={bad}
                    aria-describedby={bad ? `${inputId}-error` : undefined}
                    data-testid={`phase-minutes-${p.id}`}
                    onChange={(e) => setMinutes((m) => ({ ...m, [p.id]: e.target.value }))}
                  />
                  <span aria-hidden="true">{T.min}</span>
                </div>
                {bad && (
                  <p className="error" id={`${inputId}-error`}>
                    {T.minutesRange}
                  </p>
                )}
              </div>
            );
          })}
        </div>
        <p aria-live="polite">
          <strong>{T.total(total)}</strong>
          {plan && (
            <>
              <br />
              <span data-testid="period-total">{P.period(plan.joining, total, plan.debrief)}</span>
            </>
          )}
        </p>
      </fieldset>

      <LeaveOutRoles
        scenario={scenario}
        leaveOut={leaveOut}
        onChange={setLeaveOut}
        idPrefix="ng-leave-"
        testIdPrefix="leave-out-"
      />
      <p className="hint">{T.seatCount(scenario.roles.length - leaveOut.size)}</p>

      <button
        type="submit"
        data-testid="create-game"
        disabled={busy || invalid}
        aria-describedby={error ? "ng-create-error" : undefined}
      >
        {busy ? T.creating : T.create}
      </button>
      <ErrorText message={error} id="ng-create-error" />
    </form>
  );
}
