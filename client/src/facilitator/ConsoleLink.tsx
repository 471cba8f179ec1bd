import type { ReactNode } from "react";
import { Link } from "../core/router";
import { seatPath } from "../core/seatPaths";

/**
 * A link to a game's live console (`/console/:gameId`), its own page: it opens with this browser's
 * facilitator token for the game, or fetches one with the key on another device.
 */
export function ConsoleLink({ gameId, children, testId }: { gameId: string; children: ReactNode; testId?: string }) {
  return (
    <Link to={seatPath(gameId, "facilitator")} testId={testId}>
      {children}
    </Link>
  );
}
