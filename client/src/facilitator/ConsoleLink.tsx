import { type ReactNode, useState } from "react";
import { useRouter } from "../core/router";
import { ensureFacilitatorToken } from "./access";
import { ErrorText } from "./ErrorText";
import { describeError } from "./errors";

/**
 * A link to a game's live console. The console opens with this browser's facilitator token for
 * the game; on another device the token is first fetched with the key.
 */
export function ConsoleLink({ gameId, children, testId }: { gameId: string; children: ReactNode; testId?: string }) {
  const { navigate } = useRouter();
  const [error, setError] = useState<string | null>(null);
  const to = `/play/${gameId}`;
  return (
    <>
      <a
        href={to}
        data-testid={testId}
        onClick={async (e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          try {
            await ensureFacilitatorToken(gameId);
            navigate(to);
          } catch (err) {
            setError(describeError(err));
          }
        }}
      >
        {children}
      </a>
      <ErrorText message={error} />
    </>
  );
}
