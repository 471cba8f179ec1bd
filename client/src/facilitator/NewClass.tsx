import { useId, useState } from "react";
import { createdClass, defaultLabel, MAX_TABLES } from "../../../shared/contract/index";
import { changedPhaseMinutes, type PublicScenario, planMinutes } from "../../../shared/index";
import { GAME_PHASE_MINUTES } from "../../../shared/scenario/schema";
import { api } from "../core/api";
import { saveCodes } from "../core/gameCodes";
import { Link, useRouter } from "../core/router";
import { storage } from "../core/storage";
import { t } from "../texts";
import { requireFacilitatorKey } from "./access";
import { ErrorText } from "./ErrorText";
import { describeError } from "./errors";
import { LeaveOutRoles, useScenarioChoice } from "./SetupFields";
import { useScenario } from "./scenarios";
import "./facilitator.css";
import "./classes.css";

const T = t.classes.newClass;
const G = t.facilitator.newGame;
const P = t.classroom.plans;

/** The roster as typed: a name a line, blank lines and surrounding spaces dropped. */
const namesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((n) => n.trim())
    .filter(Boolean);

/**
 * `/facilitator/new-class`: every table of a period in one form (POST /api/classes). The same
 * scenario, timing and left-out roles at each table, a label per table, a number of tables or a
 * roster dealt over them; then the class page, with every table's links and the handouts.
 */
export function NewClass() {
  const { list, listError, chosen, setChosen } = useScenarioChoice();
  const selectId = useId();
  const scenario = useScenario(chosen?.id, chosen?.version);
  const current = scenario && chosen && scenario.id === chosen.id && scenario.version === chosen.version;

  return (
    <main className="page fac fac-narrow" id="main">
      <nav className="fac-crumbs no-print" aria-label={t.facilitator.nav.label}>
        <Link to="/facilitator">{t.facilitator.nav.dashboard}</Link>
      </nav>
      <h1>{T.title}</h1>
      <p className="hint">{T.intro}</p>
      <section className="card" aria-labelledby="nc-scenario-title">
        <h2 id="nc-scenario-title">{G.scenarioTitle}</h2>
        <label htmlFor={selectId}>{G.scenarioLabel}</label>
        <select
          id={selectId}
          data-testid="class-scenario"
          value={chosen?.id ?? ""}
          disabled={!list}
          onChange={(e) => {
            const l = list?.find((x) => x.id === e.target.value);
            if (l) setChosen({ id: l.id, version: l.version });
          }}
        >
          {list?.map((s) => (
            <option key={s.id} value={s.id}>
              {G.scenarioOption(s.title, s.version)}
            </option>
          ))}
        </select>
        <ErrorText message={listError} />
      </section>
      {current ? (
        <ClassForm key={`${scenario.id}@${scenario.version}`} scenario={scenario} />
      ) : (
        <p>{t.common.loading}</p>
      )}
    </main>
  );
}

function ClassForm({ scenario }: { scenario: PublicScenario }) {
  const { navigate } = useRouter();
  const plans = scenario.timingPlans ?? [];
  const [title, setTitle] = useState("");
  const [byRoster, setByRoster] = useState(false);
  const [count, setCount] = useState("3");
  const [roster, setRoster] = useState("");
  const [labels, setLabels] = useState<string[]>([]);
  // The first plan (the default scenario's "50-minute class") unless the scenario has none.
  const [planId, setPlanId] = useState(plans[0]?.id ?? "");
  const [minutes, setMinutes] = useState<Record<string, number>>(
    () =>
      (planId ? planMinutes(scenario, planId)?.phases : null) ??
      Object.fromEntries(scenario.phases.map((p) => [p.id, p.minutes])),
  );
  const [leaveOut, setLeaveOut] = useState<Set<string>>(() => new Set());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const ids = useId();

  const seatCount = scenario.roles.length - leaveOut.size;
  const names = namesOf(roster);
  const tables = byRoster ? Math.ceil(names.length / Math.max(1, seatCount)) : Math.floor(Number(count)) || 0;
  // A label per table: the ones typed, then "Table A", "Table B"… for the rest.
  const labelOf = (i: number) => labels[i] ?? defaultLabel(i);
  const shown = Array.from({ length: Math.min(tables, MAX_TABLES) }, (_, i) => labelOf(i));
  const duplicate = new Set(shown.map((l) => l.trim().toLocaleLowerCase())).size !== shown.length;
  const badMinutes = scenario.phases.some(
    (p) => !(minutes[p.id]! >= GAME_PHASE_MINUTES.min && minutes[p.id]! <= GAME_PHASE_MINUTES.max),
  );
  const invalid =
    tables < 1 || tables > MAX_TABLES || duplicate || shown.some((l) => !l.trim()) || badMinutes || title.length > 200;
  const plan = planId ? planMinutes(scenario, planId) : null;
  const play = scenario.phases.reduce((n, p) => n + (minutes[p.id] ?? 0), 0);

  const choosePlan = (id: string) => {
    setPlanId(id);
    setMinutes(
      (id ? planMinutes(scenario, id)?.phases : null) ??
        Object.fromEntries(scenario.phases.map((p) => [p.id, p.minutes])),
    );
  };

  async function create(e: React.FormEvent) {
    e.preventDefault();
    if (invalid) return;
    setBusy(true);
    setFailure(null);
    try {
      const key = requireFacilitatorKey();
      // With a plan, every phase as shown (the plan's, or edited); without, only what differs.
      const phaseMinutes = plan ? minutes : changedPhaseMinutes(scenario, minutes);
      const made = await api("/api/classes", createdClass, {
        method: "POST",
        token: key,
        body: {
          scenarioId: scenario.id,
          scenarioVersion: scenario.version,
          ...(title.trim() ? { title: title.trim() } : {}),
          ...(byRoster ? { roster: names } : { tables }),
          labels: shown.map((l) => l.trim()),
          ...(plan ? { timingPlan: plan.plan.id } : {}),
          ...(Object.keys(phaseMinutes).length ? { phaseMinutes } : {}),
          ...(leaveOut.size ? { leaveOut: [...leaveOut] } : {}),
        },
      });
      // The codes are told once: this browser keeps them for the set-up pages, cards and CSV.
      for (const table of made.tables) {
        saveCodes(table.gameId, { joinCodes: table.joinCodes, observerCode: table.observerCode });
        storage.setSeat(table.gameId, { token: table.facilitatorToken, seat: "facilitator" });
      }
      navigate(`/facilitator/classes/${encodeURIComponent(made.classId)}`);
    } catch (err) {
      setFailure(describeError(err));
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={create} aria-labelledby={`${ids}-title`} noValidate>
      <h2 id={`${ids}-title`}>{T.title}</h2>
      <label htmlFor={`${ids}-name`}>{T.classTitle}</label>
      <input
        id={`${ids}-name`}
        data-testid="class-title"
        value={title}
        placeholder={scenario.title}
        maxLength={200}
        onChange={(e) => setTitle(e.target.value)}
        aria-describedby={`${ids}-name-hint`}
      />
      <p className="hint" id={`${ids}-name-hint`}>
        {T.classTitleHint}
      </p>

      <fieldset className="fac-fieldset">
        <legend>{T.howLegend}</legend>
        <div className="fac-check">
          <input
            type="radio"
            id={`${ids}-count`}
            name={`${ids}-how`}
            checked={!byRoster}
            onChange={() => setByRoster(false)}
          />
          <label htmlFor={`${ids}-count`}>{T.byCount}</label>
        </div>
        <div className="fac-check">
          <input
            type="radio"
            id={`${ids}-roster`}
            name={`${ids}-how`}
            data-testid="class-by-roster"
            checked={byRoster}
            onChange={() => setByRoster(true)}
          />
          <label htmlFor={`${ids}-roster`}>{T.byRoster}</label>
        </div>
        {byRoster ? (
          <>
            <label htmlFor={`${ids}-names`}>{T.rosterLabel}</label>
            <textarea
              id={`${ids}-names`}
              data-testid="class-roster"
              rows={8}
              value={roster}
              onChange={(e) => setRoster(e.target.value)}
              aria-describedby={`${ids}-names-hint`}
            />
            <p className="hint" id={`${ids}-names-hint`}>
              {T.rosterHint(seatCount)} {names.length > 0 && T.rosterCount(names.length, tables)}
            </p>
          </>
        ) : (
          <>
            <label htmlFor={`${ids}-tables`}>{T.tablesLabel}</label>
            <input
              id={`${ids}-tables`}
              data-testid="class-tables"
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_TABLES}
              value={count}
              onChange={(e) => setCount(e.target.value)}
            />
          </>
        )}
        {tables > MAX_TABLES && <p className="error">{T.tooMany(MAX_TABLES)}</p>}
        <p className="hint">{T.seatsToFill(tables, seatCount)}</p>
      </fieldset>

      {shown.length > 0 && (
        <fieldset className="fac-fieldset">
          <legend>{T.labelsLegend}</legend>
          <p className="hint">{T.labelsHint}</p>
          <div className="class-labels">
            {shown.map((l, i) => (
              <input
                // biome-ignore lint/suspicious/noArrayIndexKey: a table's place is its identity here
                key={i}
                aria-label={T.labelFor(i + 1)}
                data-testid={`class-label-${i}`}
                value={l}
                maxLength={40}
                onChange={(e) =>
                  setLabels(() => {
                    const next = shown.slice();
                    next[i] = e.target.value;
                    return next;
                  })
                }
              />
            ))}
          </div>
          {duplicate && <p className="error">{T.duplicateLabels}</p>}
        </fieldset>
      )}

      <fieldset className="fac-fieldset">
        <legend>{P.legend}</legend>
        {plans.length > 0 && (
          <>
            <label htmlFor={`${ids}-plan`}>{P.label}</label>
            <select
              id={`${ids}-plan`}
              data-testid="class-plan"
              value={planId}
              onChange={(e) => choosePlan(e.target.value)}
            >
              <option value="">{P.none}</option>
              {plans.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
            <p className="hint">{plan?.plan.description ?? P.hint}</p>
          </>
        )}
        <div className="fac-phases">
          {scenario.phases.map((p) => (
            <div key={p.id} className="fac-phase">
              <label htmlFor={`${ids}-phase-${p.id}`}>{p.title}</label>
              <div className="fac-inline">
                <input
                  id={`${ids}-phase-${p.id}`}
                  type="number"
                  inputMode="numeric"
                  min={GAME_PHASE_MINUTES.min}
                  max={GAME_PHASE_MINUTES.max}
                  value={minutes[p.id] ?? ""}
                  data-testid={`class-minutes-${p.id}`}
                  onChange={(e) => setMinutes((m) => ({ ...m, [p.id]: Number(e.target.value) }))}
                />
                <span aria-hidden="true">{G.min}</span>
              </div>
            </div>
          ))}
        </div>
        {badMinutes && <p className="error">{G.minutesRange}</p>}
        <p aria-live="polite" data-testid="class-period">
          <strong>{plan ? P.period(plan.joining, play, plan.debrief) : G.total(play)}</strong>
        </p>
      </fieldset>

      <LeaveOutRoles
        scenario={scenario}
        leaveOut={leaveOut}
        onChange={setLeaveOut}
        idPrefix={`${ids}-leave-`}
        testIdPrefix="class-leave-out-"
      />

      <button type="submit" data-testid="create-class" disabled={busy || invalid}>
        {busy ? T.creating : T.create}
      </button>
      <ErrorText message={failure} />
    </form>
  );
}
