import { useMemo } from "react";
import { ConnectionBadge } from "../common/ConnectionBadge";
import { Outcome } from "../common/Outcome";
import type { GameProps } from "../core/gameProps";
import { Link } from "../core/router";
import { t } from "../texts";
import { Announcer } from "./console/Announcer";
import { ChannelsPanel } from "./console/ChannelsPanel";
import { DraftPanel } from "./console/DraftPanel";
import { EndGame } from "./console/EndGame";
import { FeedPanel } from "./console/FeedPanel";
import { InjectDeck } from "./console/InjectDeck";
import { LastCall } from "./console/LastCall";
import { labelsOf } from "./console/labels";
import { NoteForm } from "./console/NoteForm";
import { PhaseControls } from "./console/PhaseControls";
import { ProposalsPanel } from "./console/ProposalsPanel";
import { RulingForm } from "./console/RulingForm";
import { SeatsPanel } from "./console/SeatsPanel";
import { UndoLast } from "./console/UndoLast";
import { useAnalysis } from "./console/useAnalysis";
import "./facilitator.css";
import "./console/console.css";

const T = t.facilitator.console;

/** The control cell's live console: the clock, the seats, every channel, the injects, the draft and its value. */
export function Console({ gameId, view, connection, presence, send }: GameProps) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the names change only with the scenario and the seats
  const labels = useMemo(() => labelsOf(view), [view.scenario, view.seats, view.channels]);
  const { scenario, analysis } = useAnalysis(view);
  return (
    <main className="page fac con" id="main" data-testid="console">
      <header className="con-header">
        <div>
          <p className="con-kicker">{T.kicker}</p>
          <h1>{view.scenario?.title ?? T.title}</h1>
        </div>
        <div className="con-header-side">
          <ConnectionBadge connection={connection} />
          <Link to={`/facilitator/games/${gameId}`} className="button secondary">
            {T.setup}
          </Link>
          <Link to="/facilitator" className="button secondary">
            {T.dashboard}
          </Link>
        </div>
      </header>
      <Announcer view={view} labels={labels} />
      {view.outcome && <Outcome view={view} />}

      <div className="con-grid">
        <div className="con-col">
          <PhaseControls view={view} send={send} labels={labels} />
          <SeatsPanel view={view} presence={presence} labels={labels} />
          <NoteForm view={view} send={send} />
          <LastCall view={view} send={send} />
          <EndGame view={view} send={send} />
        </div>
        <div className="con-col con-col-wide">
          <DraftPanel view={view} labels={labels} analysis={analysis} />
          <ProposalsPanel view={view} labels={labels} scenario={scenario} />
          <RulingForm view={view} send={send} />
          <UndoLast view={view} send={send} />
        </div>
        <div className="con-col">
          <InjectDeck view={view} send={send} labels={labels} />
          <FeedPanel view={view} labels={labels} />
          <ChannelsPanel view={view} send={send} labels={labels} />
        </div>
      </div>
    </main>
  );
}
