import { useMemo, useState } from "react";
import type { Proposal } from "../../../shared/index";
import { Outcome } from "../common/Outcome";
import type { GameProps } from "../core/gameProps";
import { t } from "../texts";
import { AgendaBoard } from "./AgendaBoard";
import { choosable, issueBlocks } from "./availability";
import { Briefs } from "./Briefs";
import { Channels } from "./Channels";
import { Feed } from "./Feed";
import { LeaderActions } from "./LeaderActions";
import { MissedEvents } from "./MissedEvents";
import { isSeatView, type Model, modelOf, type SeatView } from "./model";
import { type Builder, emptyBuilder, ProposalBuilder } from "./ProposalBuilder";
import { Proposals } from "./Proposals";
import { Scorecard } from "./Scorecard";
import { SeatCompany } from "./SeatCompany";
import { SeatHeader } from "./SeatHeader";
import { useAnnouncer } from "./useAnnouncer";
import "./seat.css";

/** The player's table: one seat's whole game on one screen. */
export function SeatTable(props: GameProps) {
  const { view } = props;
  if (!isSeatView(view)) {
    return (
      <main className="page" id="main">
        <p>{t.common.loading}</p>
      </main>
    );
  }
  return <Table {...props} view={view} />;
}

const briefKey = (gameId: string, seat: string) => `summitry.briefRead.${gameId}.${seat}`;
const briefRead = (gameId: string, seat: string) => {
  try {
    return localStorage.getItem(briefKey(gameId, seat)) === "1";
  } catch {
    return false;
  }
};

function Table({ gameId, view, log, connection, send }: GameProps & { view: SeatView & GameProps["view"] }) {
  const m: Model = useMemo(() => modelOf(view), [view]);
  const [briefOpen, setBriefOpen] = useState(() => !briefRead(gameId, view.seat.id));
  const [builder, setBuilder] = useState<Builder>(emptyBuilder);
  const latest = useAnnouncer(m);
  const blocks = useMemo(() => issueBlocks(m), [m]);
  const pkg = choosable(builder.terms, blocks);

  const focus = (id: string) =>
    requestAnimationFrame(() => {
      const el = document.getElementById(id);
      el?.scrollIntoView({ behavior: "smooth", block: "start" });
      el?.focus({ preventScroll: true });
    });

  const closeBrief = () => {
    setBriefOpen(false);
    try {
      localStorage.setItem(briefKey(gameId, view.seat.id), "1");
    } catch {}
    focus("board-title");
  };
  const toggleBrief = () => {
    if (briefOpen) closeBrief();
    else {
      setBriefOpen(true);
      focus("brief-title");
    }
  };

  const counter = (p: Proposal) => {
    const terms = choosable(p.terms, blocks);
    const dropped = Object.keys(p.terms).filter((id) => !(id in terms));
    setBuilder({ terms, inReplyTo: p.id, note: "", dropped });
    focus("builder-title");
  };

  const myScore = view.outcome?.scores.roles;
  const roleScore = myScore && typeof myScore === "object" ? myScore[m.role.id] : undefined;

  return (
    <main className="page seat-page" id="main">
      <SeatHeader m={m} connection={connection} briefOpen={briefOpen} onToggleBrief={toggleBrief} latest={latest} />
      {view.outcome && (
        <div className="panel seat-outcome">
          <Outcome view={view} />
          {roleScore !== undefined && (
            <p className="seat-final" data-testid="my-final-score">
              {t.seat.finalScore(m.role.title, roleScore)}
            </p>
          )}
        </div>
      )}
      <SeatCompany gameId={gameId} seatId={view.seat.id} log={log} />
      <MissedEvents m={m} log={log} />
      {briefOpen && <Briefs m={m} onClose={closeBrief} />}
      <div className="seat-grid">
        <div className="seat-col seat-col-main">
          <ProposalBuilder m={m} send={send} builder={builder} setBuilder={setBuilder} blocks={blocks} />
          <AgendaBoard m={m} />
        </div>
        <div className="seat-col seat-col-side">
          {m.isLeader && <LeaderActions m={m} send={send} />}
          <Scorecard m={m} pkg={pkg} />
          <Proposals m={m} send={send} blocks={blocks} onCounter={counter} />
          <Channels m={m} send={send} />
          <Feed m={m} />
        </div>
      </div>
    </main>
  );
}
