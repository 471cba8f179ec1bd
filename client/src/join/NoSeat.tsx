import type { ReactNode } from "react";
import { t } from "../texts";

/** A seat's page in a browser that holds no token for it: what to do instead. */
export function NoSeat({ text, children }: { text: string; children?: ReactNode }) {
  return (
    <main className="page narrow" id="main">
      <h1>{t.join.title}</h1>
      <p data-testid="no-seat">{text}</p>
      {children}
    </main>
  );
}
