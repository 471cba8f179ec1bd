import { useCallback, useEffect, useRef, useState } from "react";
import { draftAnswer } from "../../../shared/contract/index";
import { scenarioSchema } from "../../../shared/index";
import { api } from "../core/api";
import { describeError } from "../facilitator/errors";

/** How long typing must pause before the draft is sent to the server. */
const SAVE_AFTER_MS = 800;
/** The scenario a key with no draft starts from (the built-in default's id; its text comes from the server). */
export const START_SCENARIO = "great-rebalancing";

export type DraftStatus =
  | { kind: "loading" }
  | { kind: "unsaved" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "failed"; message: string };

/** A scenario's whole document as the lab edits it: indented JSON. */
export async function scenarioText(id: string, key: string): Promise<string> {
  const doc = await api(`/api/scenarios/${encodeURIComponent(id)}/document`, scenarioSchema, { token: key });
  return JSON.stringify(doc, null, 2);
}

/**
 * The lab's text and its private draft on the server (GET/PUT /api/scenario-draft, this key's
 * only): loaded once, then saved a moment after each edit. A key with no draft starts from a copy
 * of the default scenario, which is not saved until it is edited.
 */
export function useDraft(key: string) {
  const [text, setTextState] = useState<string | null>(null);
  const [status, setStatus] = useState<DraftStatus>({ kind: "loading" });
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const unsaved = useRef<string | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const draft = await api("/api/scenario-draft", draftAnswer, { token: key });
        if (draft.text !== null && draft.updatedAt !== null) {
          if (!live) return;
          setTextState(draft.text);
          setStatus({ kind: "saved", at: draft.updatedAt });
          return;
        }
        const start = await scenarioText(START_SCENARIO, key);
        if (!live) return;
        setTextState(start);
        setStatus({ kind: "unsaved" });
      } catch (err) {
        if (live) setStatus({ kind: "failed", message: describeError(err) });
      }
    })();
    return () => {
      live = false;
    };
  }, [key]);

  // One save in flight at a time: two PUTs racing could land in the wrong order and keep the older
  // text. An edit saved while one is in flight waits for it, then goes (only the latest).
  const inFlight = useRef(false);
  const queued = useRef<string | null>(null);
  const save = useCallback(
    async (next: string) => {
      unsaved.current = null;
      if (inFlight.current) {
        queued.current = next;
        return;
      }
      inFlight.current = true;
      setStatus({ kind: "saving" });
      try {
        const saved = await api("/api/scenario-draft", draftAnswer, {
          method: "PUT",
          token: key,
          body: { text: next },
        });
        // "Saved" only when nothing newer is waiting or typed since.
        if (queued.current === null && unsaved.current === null) {
          setStatus(saved.updatedAt ? { kind: "saved", at: saved.updatedAt } : { kind: "unsaved" });
        }
      } catch (err) {
        setStatus({ kind: "failed", message: describeError(err) });
      } finally {
        inFlight.current = false;
        const after = queued.current;
        queued.current = null;
        if (after !== null) void save(after);
      }
    },
    [key],
  );

  /** An edit: shown at once, saved once typing pauses. */
  const setText = useCallback(
    (next: string) => {
      setTextState(next);
      setStatus({ kind: "unsaved" });
      unsaved.current = next;
      if (pending.current) clearTimeout(pending.current);
      pending.current = setTimeout(() => save(next), SAVE_AFTER_MS);
    },
    [save],
  );

  // Leaving the page keeps the last edit: it is sent at once rather than dropped with the timer.
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
      if (unsaved.current !== null) void save(unsaved.current);
    },
    [save],
  );

  return { text, setText, status };
}
