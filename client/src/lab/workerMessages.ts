import type { LabCheck } from "./check";
import type { PlaytestAsk, PlaytestRun } from "./runPlaytest";

/** What the page and the lab's worker say to each other (one page, its own worker: no wire to validate). */
export type LabRequest =
  | { kind: "check"; seq: number; text: string }
  | { kind: "playtest"; seq: number; text: string; ask: PlaytestAsk };

export type LabResponse =
  | { kind: "checked"; seq: number; check: LabCheck }
  | { kind: "progress"; seq: number; done: number; total: number }
  | { kind: "playtested"; seq: number; run: PlaytestRun }
  | { kind: "failed"; seq: number; message: string };
