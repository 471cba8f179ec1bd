import { useId, useState } from "react";
import { imported } from "../../../shared/contract/index";
import { ApiFailure, api } from "../core/api";
import { useRouter } from "../core/router";
import { storage } from "../core/storage";
import { requireFacilitatorKey } from "../facilitator/access";
import { describeError } from "../facilitator/errors";
import { t } from "../texts";

const T = t.replay.importRecord;

/**
 * Imports an exported game (the JSON of "Download the record"): the server checks every event
 * against the rules and the hash chain and names the first bad one. The new game belongs to this
 * browser's facilitator key when there is one, and opens in the replay.
 */
export function ImportRecord() {
  const { navigate } = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const load = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      let body: unknown;
      try {
        body = JSON.parse(await file.text());
      } catch {
        throw new Error(T.notJson);
      }
      const created = await api("/api/games/import", imported, {
        method: "POST",
        token: requireFacilitatorKey(),
        body,
      });
      storage.setSeat(created.gameId, { token: created.facilitatorToken, seat: "facilitator" });
      navigate(`/replay/${encodeURIComponent(created.gameId)}`);
    } catch (err) {
      if (err instanceof ApiFailure) {
        const seq = err.error.details?.seq;
        setError(typeof seq === "number" ? T.badEvent(seq, err.error.message) : t.common.error(err.error.message));
      } else setError(describeError(err));
      setBusy(false);
    }
  };

  return (
    <div className="rp-import" data-testid="import-record">
      <label htmlFor={id}>{T.label}</label>
      <p className="hint" id={`${id}-hint`}>
        {T.hint}
      </p>
      <input
        id={id}
        type="file"
        accept="application/json,.json"
        disabled={busy}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) load(f);
          e.target.value = "";
        }}
        data-testid="import-file"
      />
      {busy && <p className="hint">{t.common.loading}</p>}
      {error && (
        <p role="alert" className="error" data-testid="import-error">
          {error}
        </p>
      )}
    </div>
  );
}
