import { useState } from "react";
import { ApiFailure, refusalOf } from "../core/api";
import { t } from "../texts";
import { describeLoadError, exportPath, withGameCredential } from "./record";

const T = t.replay.exports;

type Kind = "json" | "csv" | "deidentified";

const QUERY: Record<Kind, string> = {
  json: "format=json",
  csv: "format=csv",
  deidentified: "format=csv&deidentify=true",
};

const FILE: Record<Kind, (gameId: string) => string> = {
  json: (id) => `summitry-${id}.json`,
  csv: (id) => `summitry-${id}.csv`,
  deidentified: (id) => `summitry-${id}-deidentified.csv`,
};

/** The export as sent, with this browser's credential for the game (a link cannot carry a Bearer token). */
async function fetchExport(gameId: string, kind: Kind): Promise<Blob> {
  return withGameCredential(gameId, async (token) => {
    let res: Response;
    try {
      res = await fetch(exportPath(gameId, QUERY[kind]), { headers: { authorization: `Bearer ${token}` } });
    } catch {
      throw new ApiFailure(0, { code: "offline", message: "The server cannot be reached." });
    }
    if (!res.ok) {
      throw new ApiFailure(res.status, refusalOf(await res.json().catch(() => null), res.statusText));
    }
    const type = kind === "json" ? "application/json" : "text/csv";
    // The bytes as sent: text() would drop the CSV's byte-order mark, which spreadsheets need.
    return new Blob([await res.arrayBuffer()], { type });
  });
}

/** Saves a blob as a file through a blob: link (the CSP allows blob: downloads; the class links CSV too). */
export function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Downloads of a game's record: the JSON export (replayable, importable), the CSV of its events,
 * and the CSV with players' names replaced by their role titles (for research or sharing).
 * Works with this browser's seat token for the game or the facilitator key.
 */
export function ExportLinks({ gameId }: { gameId: string }) {
  const [busy, setBusy] = useState<Kind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const download = async (kind: Kind) => {
    setBusy(kind);
    setError(null);
    try {
      save(await fetchExport(gameId, kind), FILE[kind](gameId));
    } catch (err) {
      setError(describeLoadError(err));
    } finally {
      setBusy(null);
    }
  };
  const kinds: Kind[] = ["json", "csv", "deidentified"];
  return (
    <div className="rp-exports" data-testid="export-links">
      <p className="hint">{T.hint}</p>
      <div className="rp-buttons">
        {kinds.map((k) => (
          <button
            key={k}
            type="button"
            className="secondary"
            onClick={() => download(k)}
            disabled={busy !== null}
            aria-busy={busy === k}
            data-testid={`export-${k}`}
          >
            {busy === k ? T.working : T[k]}
          </button>
        ))}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
