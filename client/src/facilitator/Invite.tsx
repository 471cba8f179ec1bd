import { useId, useState } from "react";
import { createdKey } from "../../../shared/contract/index";
import { ApiFailure, api } from "../core/api";
import { Link, useRouter } from "../core/router";
import { storage } from "../core/storage";
import { t } from "../texts";
import { ErrorText } from "./ErrorText";
import { describeError } from "./errors";
import { ShownOnce } from "./ShownOnce";
import "./facilitator.css";

const T = t.access.invite;

/** The invite code a link carries: `/facilitator/invite#<invite>` (the fragment never reaches a server). */
function inviteOf(): string {
  try {
    return decodeURIComponent(window.location.hash.slice(1)).trim();
  } catch {
    return "";
  }
}

/**
 * `/facilitator/invite#<invite>`: a teacher the operator invited names themselves and gets a key
 * of their own, kept in this browser and shown once to copy. An invite opens once: the link is
 * taken out of the address as soon as it has been used.
 */
export function Invite() {
  const { navigate } = useRouter();
  const [invite] = useState(inviteOf);
  const [hadKey] = useState(() => storage.facilitatorKey() !== null);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [key, setKey] = useState<string | null>(null);
  const id = useId();

  async function accept(e: React.FormEvent) {
    e.preventDefault();
    const n = name.trim();
    if (!n) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api("/api/facilitators", createdKey, { method: "POST", body: { invite, name: n } });
      storage.setFacilitatorKey(r.facilitatorKey);
      window.history.replaceState(window.history.state, "", window.location.pathname);
      setKey(r.facilitatorKey);
    } catch (err) {
      const refused = err instanceof ApiFailure && [401, 403, 404, 409, 410].includes(err.status);
      setError(refused ? T.refused : describeError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="page fac fac-narrow" id="main" data-testid="invite-page">
      <nav className="fac-crumbs no-print" aria-label={t.facilitator.nav.label}>
        <Link to="/">{t.facilitator.nav.home}</Link>
      </nav>
      <h1>{T.title}</h1>
      {key ? (
        <section className="card" aria-labelledby="invite-done-title" data-testid="invite-done">
          <h2 id="invite-done-title">{T.doneTitle}</h2>
          <p>{T.doneText}</p>
          <ShownOnce label={T.keyLabel} value={key} copyLabel={T.copyKey} testId="invite-key" />
          <button
            type="button"
            onClick={() => navigate("/facilitator", { replace: true })}
            data-testid="invite-to-dashboard"
          >
            {T.toDashboard}
          </button>
        </section>
      ) : !invite ? (
        <p role="alert" className="error">
          {T.missing}
        </p>
      ) : (
        <form className="card" onSubmit={accept}>
          <p>{T.intro}</p>
          {hadKey && <p className="fac-notice">{T.replaces}</p>}
          <label htmlFor={id}>{T.nameLabel}</label>
          <input
            id={id}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={80}
            autoComplete="name"
            aria-describedby={`${id}-hint`}
            data-testid="invite-name-input"
            // biome-ignore lint/a11y/noAutofocus: the one question on this page
            autoFocus
          />
          <p className="hint" id={`${id}-hint`}>
            {T.nameHint}
          </p>
          <ErrorText message={error} />
          <button type="submit" disabled={busy || !name.trim()} data-testid="invite-accept">
            {busy ? T.working : T.submit}
          </button>
        </form>
      )}
    </main>
  );
}
