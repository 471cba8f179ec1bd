import { useCallback, useEffect, useRef, useState } from "react";
import type { PlaytestAsk, PlaytestRun } from "./runPlaytest";
import { newLabWorker } from "./useDraftCheck";
import type { LabRequest, LabResponse } from "./workerMessages";

export type PlaytestState =
  | { kind: "idle" }
  | { kind: "running"; done: number; total: number }
  | { kind: "done"; run: PlaytestRun; ask: PlaytestAsk }
  | { kind: "stopped" }
  | { kind: "failed"; message: string };

/**
 * A playtest in a worker of its own, so the draft's checks go on while the bots play; stopping
 * it ends that worker (a playtest is one synchronous loop, with nothing to interrupt from inside).
 */
export function usePlaytest() {
  const [state, setState] = useState<PlaytestState>({ kind: "idle" });
  const worker = useRef<Worker | null>(null);

  const end = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
  }, []);

  const run = useCallback(
    (text: string, ask: PlaytestAsk) => {
      end();
      const w = newLabWorker();
      worker.current = w;
      setState({ kind: "running", done: 0, total: ask.games });
      w.onmessage = (e: MessageEvent<LabResponse>) => {
        const m = e.data;
        if (m.kind === "progress") setState({ kind: "running", done: m.done, total: m.total });
        else if (m.kind === "playtested") {
          setState({ kind: "done", run: m.run, ask });
          end();
        } else if (m.kind === "failed") {
          setState({ kind: "failed", message: m.message });
          end();
        }
      };
      w.onerror = (e) => {
        setState({ kind: "failed", message: e.message || "the playtest's worker failed" });
        end();
      };
      const request: LabRequest = { kind: "playtest", seq: 1, text, ask };
      w.postMessage(request);
    },
    [end],
  );

  const stop = useCallback(() => {
    end();
    setState({ kind: "stopped" });
  }, [end]);

  useEffect(() => end, [end]);

  return { state, run, stop };
}
