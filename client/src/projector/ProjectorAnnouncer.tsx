import { useEffect, useRef, useState } from "react";
import type { ClientView } from "../core/mergeView";
import { t } from "../texts";

const T = t.projector.announce;

/** Announces each new public inject and press statement once (screen readers). */
export function ProjectorAnnouncer({ view }: { view: ClientView }) {
  const press = view.channels.find((c) => c.kind === "press")?.messages ?? [];
  const injects = view.feed.filter((f) => f.kind !== "reveal" && f.to === null);
  const last = useRef(Math.max(0, ...press.map((m) => m.seq), ...injects.map((f) => f.seq)));
  const [message, setMessage] = useState("");
  useEffect(() => {
    const fresh = [
      ...injects
        .filter((f) => f.seq > last.current)
        .map((f) => ({
          seq: f.seq,
          text:
            f.kind === "inject"
              ? T.inject(f.title ?? "", f.text)
              : f.kind === "ruling" || f.kind === "undo"
                ? t.control.announce(f.kind, f.title ?? "", f.text)
                : T.note(f.text),
        })),
      ...press.filter((m) => m.seq > last.current).map((m) => ({ seq: m.seq, text: T.press(m.text) })),
    ].sort((a, b) => a.seq - b.seq);
    if (!fresh.length) return;
    last.current = fresh[fresh.length - 1]!.seq;
    setMessage(fresh.map((f) => f.text).join(" "));
  }, [injects, press]);
  return (
    <div className="visually-hidden" role="status" aria-live="polite">
      {message}
    </div>
  );
}
