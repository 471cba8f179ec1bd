import { useEffect, useId, useRef, useState } from "react";
import type { ScenarioProblem } from "../../../shared/contract/index";
import { Link } from "../core/router";
import { storage } from "../core/storage";
import { t } from "../texts";
import { Playtest } from "./Playtest";
import { Preview } from "./Preview";
import { Problems } from "./Problems";
import { ServerActions } from "./ServerActions";
import { StartFrom } from "./StartFrom";
import { type DraftStatus, useDraft } from "./useDraft";
import { useDraftCheck } from "./useDraftCheck";
import "../facilitator/facilitator.css";
import "../debrief/debrief.css";
import "./lab.css";

const T = t.lab;

/**
 * `/facilitator/lab`: a scenario's designer writes or edits its JSON and sees, as they type, every
 * problem (shared checks, in the lab's worker) and the analytics preview; asks the server to
 * validate or publish it; keeps a private draft on the server for this key.
 */
export function LabPage() {
  const key = storage.facilitatorKey();
  return (
    <main className="page fac lab" id="main">
      <nav className="fac-crumbs no-print" aria-label={t.facilitator.nav.label}>
        <Link to="/facilitator">{t.facilitator.nav.dashboard}</Link>
      </nav>
      <h1>{T.title}</h1>
      <p className="hint">{T.intro}</p>
      {key ? <Lab keyValue={key} /> : <p data-testid="lab-need-key">{T.needKey}</p>}
    </main>
  );
}

function Lab({ keyValue }: { keyValue: string }) {
  const editorId = useId();
  const editor = useRef<HTMLTextAreaElement>(null);
  const { text, setText, status } = useDraft(keyValue);
  const { check, checking, error } = useDraftCheck(text);
  const [serverProblems, setServerProblems] = useState<ScenarioProblem[] | null>(null);
  const [published, setPublished] = useState(0);

  // The server's answer is about the text it was given: an edit makes it stale.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `text` is the trigger
  useEffect(() => setServerProblems(null), [text]);

  const jump = (offset: number) => {
    const box = editor.current;
    if (!box) return;
    box.focus();
    box.setSelectionRange(offset, offset);
    // Put the line near the top: the browser scrolls a focused selection only into view.
    const line = box.value.slice(0, offset).split("\n").length - 1;
    const lineHeight = Number.parseFloat(getComputedStyle(box).lineHeight) || 18;
    box.scrollTop = Math.max(0, line * lineHeight - 3 * lineHeight);
  };

  if (text === null) {
    return <DraftLine status={status} />;
  }
  return (
    <>
      <StartFrom keyValue={keyValue} onLoad={setText} published={published} />
      <div className="lab-grid">
        <section className="lab-editor" aria-labelledby={`${editorId}-label`}>
          <label id={`${editorId}-label`} htmlFor={editorId}>
            {T.editor.label}
          </label>
          <p className="hint">
            {T.editor.hint}{" "}
            <a href="/api/scenario-schema.json" target="_blank" rel="noreferrer">
              {T.editor.schema}
            </a>
          </p>
          <textarea
            id={editorId}
            ref={editor}
            className="lab-text fac-mono"
            value={text}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            onChange={(e) => setText(e.target.value)}
            data-testid="lab-text"
          />
          <DraftLine status={status} />
          <ServerActions
            text={text}
            keyValue={keyValue}
            onProblems={setServerProblems}
            onPublished={() => setPublished((n) => n + 1)}
          />
          {serverProblems && serverProblems.length > 0 && (
            <Problems
              text={text}
              problems={serverProblems}
              checking={false}
              onJump={jump}
              title={T.server.answer}
              testId="lab-server-problems"
            />
          )}
        </section>
        <div className="lab-side">
          {error && <p className="error">{error}</p>}
          <Problems text={text} problems={check?.problems ?? null} checking={checking} onJump={jump} />
          <Preview check={check} stale={checking} />
        </div>
      </div>
      <Playtest text={text} check={checking ? null : check} />
    </>
  );
}

function DraftLine({ status }: { status: DraftStatus }) {
  const D = T.draft;
  const said =
    status.kind === "loading"
      ? D.loading
      : status.kind === "saving"
        ? D.saving
        : status.kind === "saved"
          ? D.saved(new Date(status.at).toLocaleTimeString())
          : status.kind === "failed"
            ? D.failed(status.message)
            : D.none;
  return (
    <p
      className={status.kind === "failed" ? "error" : "hint"}
      aria-live="polite"
      data-testid="lab-draft"
      data-state={status.kind}
    >
      {said}
    </p>
  );
}
