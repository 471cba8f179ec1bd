import { useEffect, useId, useMemo, useState } from "react";
import { effectiveScenario, eventFor, viewFor } from "../../../shared/index";
import { Link } from "../core/router";
import { seatParam, withSeat } from "../core/seatPaths";
import { t } from "../texts";
import { describeEvent } from "./describe";
import { ExportLinks } from "./ExportLinks";
import { ForkButton } from "./ForkButton";
import { foldRecord } from "./fold";
import {
  ChannelsPanel,
  DraftPanel,
  FeedPanel,
  OutcomePanel,
  PhasePanel,
  ProposalsPanel,
  ScorecardPanel,
} from "./panels";
import { type ChainCheck, type GameRecord, useRecord, verifyChain, viewerOf } from "./record";
import { Timeline } from "./Timeline";
import "./replay.css";

const T = t.replay.replay;
export const SPEEDS = [1, 4, 16] as const;

/** `/replay/:gameId`: the whole game again, event by event, as any seat saw it. */
export function Replay({ gameId }: { gameId: string }) {
  const rec = useRecord(gameId);
  return (
    <main className="page rp" id="main" data-testid="replay">
      {rec.status === "loading" && <p>{t.common.loading}</p>}
      {rec.status === "error" && (
        <>
          <h1>{T.title}</h1>
          <p role="alert" className="error" data-testid="replay-error">
            {rec.message}
          </p>
          <p>
            <Link to="/">{t.replay.common.home}</Link>
          </p>
        </>
      )}
      {rec.status === "ready" && <Loaded gameId={gameId} record={rec.record} />}
    </main>
  );
}

/** The moment to open at: `#seq=N` in the address, else the start. */
function initialSeq(count: number): number {
  const m = /seq=(\d+)/.exec(window.location.hash);
  return m ? Math.min(count, Number(m[1])) : 0;
}

function Loaded({ gameId, record }: { gameId: string; record: GameRecord }) {
  const folded = useMemo(() => foldRecord(record), [record]);
  const { count } = folded;
  const scenario = record.scenario;
  const viewer = viewerOf(gameId);
  const isFacilitator = viewer === "facilitator";
  const [seq, setSeq] = useState(() => initialSeq(count));
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(4);
  const [perspective, setPerspective] = useState<string>(() =>
    viewer && (viewer === "observer" || scenario.roles.some((r) => r.id === viewer)) ? viewer : "facilitator",
  );
  const [chain, setChain] = useState<ChainCheck | null>(null);
  const speedId = useId();
  const perspectiveId = useId();

  useEffect(() => {
    let live = true;
    verifyChain(record).then((c) => live && setChain(c));
    return () => {
      live = false;
    };
  }, [record]);

  // Playback: one event per tick at the chosen speed, stopping at the end.
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => setSeq((s) => Math.min(count, s + 1)), 1000 / speed);
    return () => clearInterval(timer);
  }, [playing, speed, count]);
  useEffect(() => {
    if (playing && seq >= count) setPlaying(false);
  }, [playing, seq, count]);

  // The moment is kept in the address, so a link can open the replay at it.
  useEffect(() => {
    const url = `${window.location.pathname}${window.location.search}#seq=${seq}`;
    window.history.replaceState(window.history.state, "", url);
  }, [seq]);

  const state = useMemo(() => folded.state(seq), [folded, seq]);
  const before = useMemo(() => (seq > 0 ? folded.state(seq - 1) : state), [folded, seq, state]);
  const view = useMemo(() => viewFor(state, perspective), [state, perspective]);
  const effective = useMemo(() => effectiveScenario(state), [state]);
  const event = seq > 0 ? (folded.events[seq - 1] ?? null) : null;
  const seen = event ? eventFor(state, event, perspective) : null;
  const happened = event ? describeEvent(seen, before, state) : T.beforeFirst;
  const startedAt = useMemo(() => folded.events.find((e) => e.type === "resume")?.at ?? null, [folded]);

  // A game cannot be forked at or after its end: the fork would be over before it began.
  const forkMax = folded.final.outcome ? Math.max(0, folded.final.outcome.seq - 1) : count;
  const go = (s: number) => setSeq(Math.max(0, Math.min(count, s)));
  const togglePlay = () => {
    if (playing) return setPlaying(false);
    if (seq >= count) setSeq(0);
    setPlaying(true);
  };

  return (
    <>
      <nav className="rp-crumbs no-print" aria-label={t.replay.common.nav}>
        {isFacilitator && <Link to={`/facilitator/games/${encodeURIComponent(gameId)}`}>{t.replay.common.setup}</Link>}
        <Link to={withSeat(`/debrief/${encodeURIComponent(gameId)}`, seatParam())} testId="replay-debrief-link">
          {t.replay.common.debrief}
        </Link>
      </nav>
      <header className="rp-header">
        <div>
          <p className="rp-kicker">{T.kicker}</p>
          <h1>{scenario.title}</h1>
          <p className="hint">{T.subtitle(gameId, count)}</p>
        </div>
        <ChainBadge chain={chain} />
      </header>
      {folded.error && (
        <p role="alert" className="error" data-testid="replay-fold-error">
          {T.foldError(folded.error.seq, folded.error.message)}
        </p>
      )}

      <section className="card rp-controls" aria-label={T.controls}>
        <Timeline
          count={count}
          seq={seq}
          marks={folded.marks}
          onSeek={go}
          valueText={T.valueText(seq, count, happened)}
          phaseAt={folded.phaseAt}
          phases={scenario.phases}
        />
        <div className="rp-buttons">
          <button
            type="button"
            className="secondary"
            onClick={() => go(0)}
            disabled={seq === 0}
            title={T.toStart}
            data-testid="replay-start"
          >
            <span aria-hidden="true">« </span>
            {T.startShort}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => go(seq - 1)}
            disabled={seq === 0}
            title={T.back}
            data-testid="replay-back"
          >
            <span aria-hidden="true">◀ </span>
            {T.backShort}
          </button>
          <button type="button" onClick={togglePlay} data-testid="replay-play" disabled={count === 0}>
            {playing ? (
              T.pause
            ) : (
              <>
                <span aria-hidden="true">▶ </span>
                {T.play}
              </>
            )}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => go(seq + 1)}
            disabled={seq >= count}
            title={T.forward}
            data-testid="replay-forward"
          >
            {T.forwardShort}
            <span aria-hidden="true"> ▶</span>
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => go(count)}
            disabled={seq >= count}
            title={T.toEnd}
            data-testid="replay-end"
          >
            {T.endShort}
            <span aria-hidden="true"> »</span>
          </button>
          <span className="rp-field">
            <label htmlFor={speedId}>{T.speed}</label>
            <select
              id={speedId}
              value={speed}
              onChange={(e) => setSpeed(Number(e.target.value))}
              data-testid="replay-speed"
            >
              {SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {T.speedOption(s)}
                </option>
              ))}
            </select>
          </span>
          <span className="rp-field">
            <label htmlFor={perspectiveId}>{T.perspective}</label>
            <select
              id={perspectiveId}
              value={perspective}
              onChange={(e) => setPerspective(e.target.value)}
              data-testid="replay-perspective"
            >
              <option value="facilitator">{T.asFacilitator}</option>
              <option value="observer">{T.asObserver}</option>
              {scenario.sides.map((side) => (
                <optgroup key={side.id} label={side.name}>
                  {scenario.roles
                    .filter((r) => r.side === side.id)
                    .map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.title}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </span>
        </div>
        <p className="rp-now" aria-live={playing ? "off" : "polite"} data-testid="replay-seq">
          <strong>{T.position(seq, count)}</strong>
          {event && <span className="rp-time">{T.time(event.at, startedAt)}</span>}
          <span className="rp-happened">{happened}</span>
        </p>
      </section>

      <div className="rp-grid">
        <div className="rp-col">
          <PhasePanel view={view} at={state.at} />
          <DraftPanel view={view} scenario={scenario} />
          {view.scorecard && <ScorecardPanel view={view} scenario={scenario} />}
          {view.outcome && <OutcomePanel view={view} scenario={scenario} />}
        </div>
        <div className="rp-col">
          <ProposalsPanel view={view} scenario={scenario} effective={effective} seq={seq} joins={state.joins} />
          <FeedPanel view={view} scenario={scenario} seq={seq} />
        </div>
        <div className="rp-col">
          <ChannelsPanel view={view} scenario={scenario} seq={seq} joins={state.joins} startedAt={startedAt} />
        </div>
      </div>

      {isFacilitator && (
        <section className="card rp-tools no-print" aria-labelledby="rp-tools-title">
          <h2 id="rp-tools-title">{T.tools}</h2>
          <ExportLinks gameId={gameId} />
          <ForkButton key={seq} gameId={gameId} defaultSeq={Math.min(seq, forkMax)} maxSeq={forkMax} />
        </section>
      )}
    </>
  );
}

function ChainBadge({ chain }: { chain: ChainCheck | null }) {
  const T2 = t.replay.chain;
  if (!chain) return <span className="badge">{T2.checking}</span>;
  const text = chain.status === "ok" ? T2.ok(chain.events) : T2.broken(chain.seq);
  return (
    <span className={`badge rp-chain rp-chain-${chain.status}`} data-testid="replay-chain">
      {text}
    </span>
  );
}
