import type { Connection } from "../core/useGame";
import { t } from "../texts";

/** The connection state, in words and a shape (never colour alone), announced when it changes. */
export function ConnectionBadge({ connection }: { connection: Connection }) {
  // Refused is for good: the page says why and what to do beside it; the badge only says so.
  const label = connection === "refused" ? t.connection.lost : t.connection[connection];
  const mark = connection === "online" ? "●" : connection === "connecting" ? "◐" : "○";
  return (
    <output className={`badge connection-${connection}`} aria-live="polite" data-testid="connection">
      <span aria-hidden="true">{mark} </span>
      {label}
    </output>
  );
}
