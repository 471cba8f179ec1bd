/// <reference lib="webworker" />
// zod's jitless switch first (the page's CSP refuses eval in a worker too): the alias in
// vite.config.ts makes every "zod" import this module, but the import order keeps it explicit.
import "../core/zodJitless";
import { checkDraft } from "./check";
import { runPlaytest } from "./runPlaytest";
import type { LabRequest, LabResponse } from "./workerMessages";

/**
 * The lab's worker: the checks of a draft and the bot playtests run here, off the page's thread,
 * so typing never waits for a grid of packages or for 500 games of bots.
 */
const post = (m: LabResponse) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

self.onmessage = (e: MessageEvent<LabRequest>) => {
  const m = e.data;
  try {
    if (m.kind === "check") post({ kind: "checked", seq: m.seq, check: checkDraft(m.text) });
    else {
      const progress = (done: number, total: number) => post({ kind: "progress", seq: m.seq, done, total });
      post({ kind: "playtested", seq: m.seq, run: runPlaytest(m.text, m.ask, progress) });
    }
  } catch (err) {
    post({ kind: "failed", seq: m.seq, message: (err as Error).message });
  }
};
