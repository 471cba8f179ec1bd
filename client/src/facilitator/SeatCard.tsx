import { useId, useState } from "react";
import { joinLink } from "../core/gameCodes";
import { t } from "../texts";
import { CopyButton } from "./CopyButton";
import { ErrorText } from "./ErrorText";
import { describeError } from "./errors";
import { QrCode } from "./QrCode";

const T = t.facilitator.setup;

/** One seat's join link, its QR code, whether someone has joined, and a reset. */
export function SeatCard({
  gameId,
  seatId,
  title,
  code,
  origin,
  joined,
  linkTestId,
  resetHintId,
  onReset,
}: {
  gameId: string;
  seatId: string;
  title: string;
  code: string | null;
  /** Where students reach the server: what the link and the QR code start with. */
  origin: string;
  /** null for the observers' link, which many may use */
  joined: boolean | null;
  linkTestId: string;
  /** The id of the page's one explanation of what a reset does. */
  resetHintId: string;
  onReset: (seatId: string) => Promise<void>;
}) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const link = code ? joinLink(gameId, code, origin) : null;

  async function reset() {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await onReset(seatId);
      setDone(true);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <article className="card fac-seat" aria-labelledby={`${id}-title`}>
      <div className="fac-seat-head">
        <h3 id={`${id}-title`}>{title}</h3>
        {joined !== null && (
          <span
            className={`fac-status ${joined ? "fac-status-joined" : "fac-status-waiting"}`}
            data-testid={`joined-${seatId}`}
          >
            <span aria-hidden="true">{joined ? "✓ " : "○ "}</span>
            {joined ? T.joined : T.waiting}
          </span>
        )}
      </div>
      <div className="fac-seat-body">
        {link ? <QrCode text={link} alt={T.qrAlt(title)} size={128} /> : <div className="fac-qr fac-qr-missing" />}
        <div className="fac-seat-code">
          {code ? (
            <p>
              <span className="hint">{T.codeLabel}</span>
              <br />
              <span className="fac-mono fac-code">{code}</span>
            </p>
          ) : (
            <p className="hint">{T.noCode}</p>
          )}
          <button
            type="button"
            className="secondary fac-small"
            onClick={reset}
            disabled={busy}
            data-testid={`reset-${seatId}`}
            aria-describedby={resetHintId}
          >
            {T.reset}
          </button>
          <ErrorText message={error} />
          <p aria-live="polite" className="fac-ok">
            {done ? T.resetDone : ""}
          </p>
        </div>
      </div>
      {link && (
        <>
          <label htmlFor={`${id}-link`}>{T.linkLabel}</label>
          <div className="fac-inline">
            <input
              id={`${id}-link`}
              readOnly
              value={link}
              className="fac-mono"
              data-testid={linkTestId}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton text={link} label={T.copyLink(title)} />
          </div>
        </>
      )}
    </article>
  );
}
