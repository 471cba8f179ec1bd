import { useEffect, useRef, useState } from "react";
import type { LabCheck } from "./check";
import type { LabRequest, LabResponse } from "./workerMessages";

/** How long typing must pause before the draft is checked again. */
const DEBOUNCE_MS = 300;

/** The lab's worker, one per page; Vite bundles it as a module of this origin (CSP `script-src 'self'`). */
export function newLabWorker(): Worker {
  return new Worker(new URL("./labWorker.ts", import.meta.url), { type: "module" });
}

/**
 * The draft's problems and preview, recomputed in the worker a moment after each edit. Only the
 * answer to the latest text is kept: a check of an older text that comes back late is dropped.
 */
export function useDraftCheck(text: string | null): {
  check: LabCheck | null;
  checking: boolean;
  error: string | null;
} {
  const worker = useRef<Worker | null>(null);
  const latest = useRef(0);
  const [check, setCheck] = useState<LabCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const w = newLabWorker();
    worker.current = w;
    w.onmessage = (e: MessageEvent<LabResponse>) => {
      const m = e.data;
      if (m.seq !== latest.current) return;
      if (m.kind === "checked") {
        setChecking(false);
        setCheck(m.check);
        setError(null);
      } else if (m.kind === "failed") {
        setChecking(false);
        setError(m.message);
      }
    };
    w.onerror = (e) => {
      setChecking(false);
      setError(e.message || "the lab's worker failed");
    };
    return () => w.terminate();
  }, []);

  useEffect(() => {
    if (text === null) return;
    const seq = ++latest.current;
    setChecking(true);
    const timer = setTimeout(() => {
      const request: LabRequest = { kind: "check", seq, text };
      worker.current?.postMessage(request);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  return { check, checking, error };
}
