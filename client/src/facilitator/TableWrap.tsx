import type { ReactNode } from "react";

/**
 * A table that may scroll sideways on a narrow screen: the scrolling box is reachable by
 * keyboard and named, so it can be scrolled without a mouse.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take the focus to be scrolled by keyboard
    <section className="fac-table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
