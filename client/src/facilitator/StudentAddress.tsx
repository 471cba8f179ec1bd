import { useId } from "react";
import { joinByCode, links as T } from "../texts/links";
import { isLocalHost, offeredOrigins, type StudentOrigin } from "./useStudentOrigin";

/**
 * Where the links below point: PUBLIC_URL said plainly, or a choice among this machine's network
 * addresses; a plain warning when this page is at localhost, and when no address but loopback exists.
 */
export function StudentAddress({ where }: { where: StudentOrigin }) {
  const id = useId();
  const { answer, error, origin } = where;
  const host = window.location.hostname;
  const local = isLocalHost(host);
  // Links at loopback reach no phone; a page opened at another name (offered too) may well be reached.
  const onlyLoopback = answer !== null && !answer.publicUrl && local && answer.candidates.every((c) => c.loopback);
  return (
    <section className="card no-print" aria-labelledby={`${id}-title`} data-testid="student-address">
      <h2 id={`${id}-title`}>{T.title}</h2>
      {!answer && !error && <p className="hint">{T.loading}</p>}
      {error && <p className="error">{T.failed(error)}</p>}
      {answer?.publicUrl && <p data-testid="student-origin">{T.publicUrl(answer.publicUrl)}</p>}
      {answer && !answer.publicUrl && (
        <>
          <label htmlFor={`${id}-choice`}>{T.chooseLabel}</label>
          <select
            id={`${id}-choice`}
            value={origin}
            onChange={(e) => where.choose(e.target.value)}
            aria-describedby={`${id}-hint`}
            data-testid="student-origin-choice"
          >
            {offeredOrigins(answer, window.location.origin).map((o) => (
              <option key={o} value={o}>
                {T.option(o, answer.candidates.find((c) => c.origin === o)?.interface ?? T.thisPage)}
              </option>
            ))}
          </select>
          <p className="hint" id={`${id}-hint`}>
            {T.chooseHint}
          </p>
        </>
      )}
      {answer && (
        <p className="hint" data-testid="type-code-at">
          {joinByCode.typeAt(`${origin}/join`)}
        </p>
      )}
      {onlyLoopback ? (
        <div className="fac-notice" role="alert" data-testid="localhost-warning">
          <p>{T.loopbackOnly}</p>
        </div>
      ) : (
        local && (
          <div className="fac-notice" role="alert" data-testid="localhost-warning">
            <p>{T.localPage(host)}</p>
          </div>
        )
      )}
    </section>
  );
}
