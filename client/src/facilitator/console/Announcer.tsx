import { useEffect, useRef, useState } from "react";
import type { ClientView } from "../../core/mergeView";
import { t } from "../../texts";
import type { Labels } from "./labels";

const T = t.facilitator.console.announce;

/** Says each new inject, note or reveal aloud once (screen readers), not the ones already there. */
export function Announcer({ view, labels }: { view: ClientView; labels: Labels }) {
  const last = useRef<number>(Math.max(0, ...view.feed.map((f) => f.seq)));
  const [message, setMessage] = useState("");
  useEffect(() => {
    const fresh = view.feed.filter((f) => f.seq > last.current);
    if (!fresh.length) return;
    last.current = Math.max(...fresh.map((f) => f.seq));
    setMessage(
      fresh
        .map((f) =>
          f.kind === "inject"
            ? T.inject(f.title ?? "", f.text)
            : f.kind === "note"
              ? T.note(labels.recipients(f.to), f.text)
              : T.reveal(labels.recipients(f.to), f.text),
        )
        .join(" "),
    );
  }, [view.feed, labels]);
  return (
    <div className="visually-hidden" aria-live="polite" role="status" data-testid="console-announcer">
      {message}
    </div>
  );
}
