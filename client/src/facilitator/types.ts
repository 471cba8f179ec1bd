import type { PublicScenario } from "../../../shared/index";

/** `GET /api/games` and `GET /api/games/:gameId`. */
export type GameSummary = {
  gameId: string;
  title: string;
  scenarioId: string;
  scenarioVersion: number;
  status: "live" | "over" | "archived";
  phase: string;
  seats: { id: string; joined: boolean }[];
  outcome: unknown;
  createdAt: string;
  forkedFrom: string | null;
};

/** `GET /api/scenarios`. */
export type ScenarioListing = { id: string; version: number; title: string; summary: string };

/** `POST /api/games`. */
export type CreatedGame = {
  gameId: string;
  facilitatorToken: string;
  joinCodes: Record<string, string>;
  observerCode: string;
};

export type { PublicScenario };
