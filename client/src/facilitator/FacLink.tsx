import type { ReactNode } from "react";
import { useRouter } from "../core/router";

/** The router's link, with a test id (core's `Link` takes none). */
export function FacLink({
  to,
  children,
  className,
  testId,
}: {
  to: string;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  const { navigate } = useRouter();
  return (
    <a
      href={to}
      className={className}
      data-testid={testId}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
