import { useEffect, useRef, useState } from "react";
import type { ClassSummary } from "../../../shared/contract/index";
import { formatClock } from "../common/PhaseClock";
import type { ClientView } from "../core/mergeView";
import { Link } from "../core/router";
import { seatPath } from "../core/seatPaths";
import { type Ack, type Connection, useGame } from "../core/useGame";
import { useStoredSeat } from "../core/useStoredSeat";
import { t } from "../texts";
import { ensureFacilitatorToken } from "./access";
import { useAnalysis } from "./console/useAnalysis";
import { describeError } from "./errors";

const T = t.classConsole;
type Table = ClassSummary["tables"][number];

/** What the class console needs of one table's live connection to act on it. */
export type TableLink = { view: ClientView | null; connection: Connection; send: (move: unknown) => Promise<Ack> };

/**
 * One table's row of the class console: its own socket with the table's facilitator token (held by
 * the browser that created the class, or fetched with the key, as the table's console does), and
 * what a teacher scans for: phase, clock, signatures, who is connected, the draft's worth, alerts.
 */
export function ClassTableRow({
  table,
  chosen,
  onChoose,
  idleMinutes,
  onLink,
}: {
  table: Table;
  chosen: boolean;
  onChoose: (on: boolean) => void;
  idleMinutes: number;
  onLink: (gameId: string, link: TableLink | null) => void;
}) {
  const stored = useStoredSeat(table.gameId, "facilitator");
  const [noToken, setNoToken] = useState<string | null>(null);
  useEffect(() => {
    // Not held here (another device made the class): the key fetches one, as ConsolePage does.
    if (stored) return;
    let live = true;
    ensureFacilitatorToken(table.gameId).catch((err) => live && setNoToken(describeError(err)));
    return () => {
      live = false;
    };
  }, [stored, table.gameId]);
  const game = useGame(stored?.token ?? null);
  const { view, connection, presence, send, log } = game;
  useEffect(() => {
    onLink(table.gameId, { view, connection, send });
  }, [onLink, table.gameId, view, connection, send]);
  useEffect(() => () => onLink(table.gameId, null), [onLink, table.gameId]);

  // The last sign of life: when this page got the table's view, or its latest event since.
  const lastActive = useRef(Date.now());
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new event (the log grows) is activity
  useEffect(() => {
    lastActive.current = Date.now();
  }, [log.length]);
  const now = useNow();
  const { analysis } = useAnalysis(view ?? EMPTY_VIEW);

  const scenario = view?.scenario;
  const sides = scenario?.sides ?? [];
  const secrets = view?.secrets;
  const live = view ? view.phase.started && !view.phase.paused && view.outcome === null : false;
  const idle = live && now - lastActive.current >= idleMinutes * 60_000;
  const scores = secrets?.scores.live.sides ?? {};
  const reservations = secrets?.scores.reservations ?? {};
  const hasDraft = view ? Object.keys(view.draft.terms).length > 0 : false;
  const signedAll = view ? sides.every((s) => view.draft.signedBy.includes(s.id)) : false;
  // Better than walking away for both sides, and not yet signed by both: worth telling the table.
  const beatsBoth =
    hasDraft && sides.length === 2 && sides.every((s) => (scores[s.id] ?? 0) > (reservations[s.id] ?? 0));
  const unsignedGood = view !== null && view.outcome === null && beatsBoth && !signedAll;
  const roleIds = new Set(view?.seats.map((s) => s.id) ?? []);
  const connected = (presence ?? []).filter((p) => p.connected && roleIds.has(p.id)).length;
  const sideName = (id: string) => sides.find((s) => s.id === id)?.name ?? id;
  const [a, b] = [sides[0], sides[1]];

  return (
    <tr data-testid={`cc-row-${table.gameId}`} className={idle || unsignedGood ? "cc-alerting" : undefined}>
      <td>
        <input
          type="checkbox"
          checked={chosen}
          onChange={(e) => onChoose(e.target.checked)}
          aria-label={T.chooseTable(table.label)}
          data-testid="cc-choose"
        />
      </td>
      <th scope="row" data-testid="cc-label">
        {table.label}
      </th>
      <td data-testid="cc-phase">
        {!view ? (
          noToken && !stored ? (
            <span className="error">{noToken}</span>
          ) : (
            connectionWords(connection)
          )
        ) : (
          <>
            <span>{view.phase.title}</span>{" "}
            <span className="cc-clock" data-testid="cc-clock">
              {view.outcome
                ? "—"
                : formatClock(view.phase.endsAt !== null ? view.phase.endsAt - now : view.phase.remainingMs)}
            </span>{" "}
            <span className="hint" data-testid="cc-status">
              {view.outcome
                ? T.over(view.outcome.agreement)
                : !view.phase.started
                  ? T.notStarted
                  : view.phase.paused
                    ? T.paused
                    : view.phase.lastCall
                      ? T.lastCallOn
                      : ""}
            </span>
            {connection !== "online" && <span className="hint"> · {connectionWords(connection)}</span>}
          </>
        )}
      </td>
      <td data-testid="cc-signed">{view ? T.signedBy(view.draft.signedBy.map(sideName)) : ""}</td>
      <td data-testid="cc-connected">{view ? T.connectedOf(connected, roleIds.size) : ""}</td>
      <td data-testid="cc-worth">
        {!view || !a || !b ? (
          ""
        ) : !hasDraft ? (
          T.noDraft
        ) : (
          <>
            {T.worth(
              a.name,
              scores[a.id] ?? 0,
              reservations[a.id] ?? 0,
              b.name,
              scores[b.id] ?? 0,
              reservations[b.id] ?? 0,
            )}
            {analysis?.deal && (
              <div className="hint">{T.frontier(analysis.deal.onFrontier, analysis.deal.pointsLeftOnTable)}</div>
            )}
          </>
        )}
      </td>
      <td data-testid="cc-alerts">
        {idle && (
          <p className="cc-alert" data-testid="cc-alert-idle">
            {T.idle(idleMinutes)}
          </p>
        )}
        {unsignedGood && (
          <p className="cc-alert" data-testid="cc-alert-unsigned">
            {T.unsignedGood}
          </p>
        )}
        {!idle && !unsignedGood && <span aria-hidden="true">{T.noAlerts}</span>}
      </td>
      <td>
        <Link to={seatPath(table.gameId, "facilitator")} testId="cc-open" className="button secondary fac-small">
          {T.open}
          <span className="visually-hidden"> {table.label}</span>
        </Link>
      </td>
    </tr>
  );
}

const connectionWords = (c: Connection) =>
  c === "refused" ? T.refused : c === "connecting" ? T.connecting : c === "online" ? "" : T.offline;

/** The time, every half second, for the clocks and the idle alerts. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  return now;
}

// useAnalysis takes a view; before the first one arrives it is given this, which it cannot analyse.
const EMPTY_VIEW = { draft: { terms: {} } } as unknown as ClientView;
