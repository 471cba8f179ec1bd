import { useId, useState } from "react";
import { createdInvite, createdKey } from "../../../shared/contract/index";
import { api } from "../core/api";
import { t } from "../texts";
import { inviteLink } from "./access";
import { ErrorText } from "./ErrorText";
import { describeError } from "./errors";
import { ShownOnce } from "./ShownOnce";
import { useKeyOrigin } from "./useStudentOrigin";

const T = t.access.operator;

/** A one-time invite link: whoever opens it names themselves and gets a key of their own. */
export function InviteForm({ operatorKey, onChange }: { operatorKey: string; onChange: () => void }) {
  const id = useId();
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<{ link: string; expiresAt: string } | null>(null);
  const reach = useKeyOrigin(operatorKey);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setMade(null);
    try {
      const body = name.trim() ? { name: name.trim() } : {};
      const r = await api("/api/invites", createdInvite, { method: "POST", token: operatorKey, body });
      setMade({ link: inviteLink(r.invite, reach.origin), expiresAt: r.expiresAt });
      setName("");
      onChange();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={create} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{T.inviteTitle}</h3>
      <p className="hint">{T.inviteHint}</p>
      <label htmlFor={id}>{T.inviteName}</label>
      <input
        id={id}
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={80}
        autoComplete="off"
        data-testid="invite-name"
      />
      <button type="submit" disabled={busy} data-testid="create-invite">
        {T.inviteCreate}
      </button>
      <ErrorText message={error} />
      {made && (
        <ShownOnce
          label={T.inviteLink}
          value={made.link}
          copyLabel={T.copyInvite}
          testId="invite-link"
          note={T.inviteExpires(made.expiresAt)}
        />
      )}
    </form>
  );
}

/** A key made here, by name, for someone the operator hands it to in person. */
export function NewKeyForm({ operatorKey, onChange }: { operatorKey: string; onChange: () => void }) {
  const id = useId();
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<{ name: string; key: string } | null>(null);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    const n = name.trim();
    if (!n) return;
    setBusy(true);
    setError(null);
    setMade(null);
    try {
      const r = await api("/api/facilitators", createdKey, { method: "POST", token: operatorKey, body: { name: n } });
      setMade({ name: r.name ?? n, key: r.facilitatorKey });
      setName("");
      onChange();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={create} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{T.keyTitle}</h3>
      <p className="hint">{T.keyHint}</p>
      <label htmlFor={id}>{T.keyName}</label>
      <input
        id={id}
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        maxLength={80}
        autoComplete="off"
        data-testid="new-key-name"
      />
      <button type="submit" disabled={busy || !name.trim()} data-testid="create-key">
        {T.keyCreate}
      </button>
      <ErrorText message={error} />
      {made && <ShownOnce label={T.newKey(made.name)} value={made.key} copyLabel={T.copyKey} testId="new-key" />}
    </form>
  );
}
