import { parentPort } from "node:worker_threads";
import { fold, type GameEvent, type GameState } from "../../shared/index";
import { verifyRecord } from "./record";

/**
 * The worker thread's side of off-thread work (offThread.ts): verifying an imported record and
 * folding a long log. Both are pure CPU over one game; run here, they never hold the main
 * thread's event loop, so every other game's moves, /health and the sockets go on meanwhile.
 */

export type Job =
  | { id: number; kind: "verify"; doc: unknown }
  | { id: number; kind: "fold"; start: GameState; events: GameEvent[] };

parentPort!.on("message", (job: Job) => {
  try {
    if (job.kind === "verify") {
      const result = verifyRecord(job.doc);
      // The events stay with the caller, who sent them: only the verdict and the state come back.
      const answer = result.ok
        ? {
            ok: true,
            rulesVersion: result.rulesVersion,
            scenario: result.scenario,
            seed: result.seed,
            state: result.state,
          }
        : result;
      parentPort!.postMessage({ id: job.id, result: answer });
    } else {
      const state = fold(job.start, job.events);
      parentPort!.postMessage({ id: job.id, result: state });
    }
  } catch (err) {
    parentPort!.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) });
  }
});
