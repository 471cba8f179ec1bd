import { t } from "../texts";
import { joinByCode as T } from "../texts/links";
import { CodeNameForm } from "./CodeNameForm";
import { useJoin } from "./useJoin";

/**
 * `/join`: the code typed, without the link (a QR code that would not scan, a code read off the
 * projector). `POST /api/join` finds the game from the code alone; the server reads the code
 * whatever its case, spaces or dashes.
 */
export function JoinByCode() {
  const joining = useJoin(null);
  return (
    <main className="page narrow" id="main">
      <h1>{T.title}</h1>
      <p>{T.intro}</p>
      <CodeNameForm
        {...joining}
        id="code-only"
        className="card"
        codeLabel={t.join.codeLabel}
        codeHint={T.codeHint}
        codeFirst
      />
    </main>
  );
}
