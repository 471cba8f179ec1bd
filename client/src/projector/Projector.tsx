import { ConnectionBadge } from "../common/ConnectionBadge";
import { Outcome } from "../common/Outcome";
import { PhaseClock } from "../common/PhaseClock";
import type { GameProps } from "../core/gameProps";
import { t } from "../texts";
import { IssueBoard } from "./IssueBoard";
import { PressList } from "./PressList";
import { ProjectorAnnouncer } from "./ProjectorAnnouncer";
import { PublicFeed } from "./PublicFeed";
import "./projector.css";

const T = t.projector;

/**
 * The classroom screen (an observer's seat): the phase and its clock, where each issue stands,
 * the press and the public injects, in large type. An observer's view holds no secret, and this
 * screen shows no points even if it were handed one (the outcome's scores appear only at the end,
 * when every seat sees them).
 */
export function Projector({ view, connection }: GameProps) {
  const title = view.scenario?.title ?? T.title;
  return (
    <main className="proj" id="main" data-testid="projector">
      <header className="proj-header">
        <h1>{title}</h1>
        <ConnectionBadge connection={connection} />
      </header>
      <ProjectorAnnouncer view={view} />
      <div className="proj-grid">
        <div className="proj-main">
          {view.outcome ? (
            <div className="proj-outcome">
              <Outcome view={view} />
            </div>
          ) : (
            <>
              <PhaseClock view={view} large />
              <IssueBoard view={view} />
            </>
          )}
        </div>
        <div className="proj-side">
          <PublicFeed view={view} />
          <PressList view={view} />
        </div>
      </div>
    </main>
  );
}
