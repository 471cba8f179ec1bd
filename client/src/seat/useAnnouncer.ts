import { useEffect, useRef, useState } from "react";
import { t } from "../texts";
import type { Model } from "./model";

type Seen = { proposals: Map<string, string>; feed: Set<string>; phase: number; over: boolean };

const feedKey = (f: { seq: number; kind: string; text: string }) => `${f.seq}:${f.kind}:${f.text}`;

/**
 * The latest news for the polite live region: new proposals addressed to this side, answers to
 * this side's proposals, injects, notes and reveals, a new phase, the end of the game. What was
 * already there when the seat arrived is not announced.
 */
export function useAnnouncer(m: Model): string {
  const [latest, setLatest] = useState("");
  const seen = useRef<Seen | null>(null);
  const { view } = m;
  const model = useRef(m);
  model.current = m;
  useEffect(() => {
    const mm = model.current;
    const a = t.seat.announce;
    const now: Seen = {
      proposals: new Map(view.proposals.map((p) => [p.id, p.status])),
      feed: new Set(view.feed.map(feedKey)),
      phase: view.phase.index,
      over: view.outcome !== null,
    };
    const before = seen.current;
    seen.current = now;
    if (!before) return;
    const news: string[] = [];
    if (now.phase !== before.phase) news.push(a.phase(view.phase.title));
    for (const p of view.proposals) {
      const was = before.proposals.get(p.id);
      if (!was && p.status === "open" && p.to === mm.side.id) {
        news.push(a.incoming(p.id, mm.sideName(p.from), mm.seatTitle(p.by)));
      } else if (was === "open" && p.status !== "open" && p.from === mm.side.id) {
        news.push(a.answered(p.id, t.seat.proposals.status[p.status]));
      }
    }
    for (const f of view.feed) {
      if (before.feed.has(feedKey(f))) continue;
      news.push(
        f.kind === "inject"
          ? a.inject(f.title ?? f.text)
          : f.kind === "note"
            ? a.note(f.text)
            : f.kind === "ruling" || f.kind === "undo"
              ? t.control.announce(f.kind, f.title ?? "", f.text)
              : a.reveal(f.title ?? f.text),
      );
    }
    if (now.over && !before.over) news.push(a.over);
    if (news.length > 0) setLatest(news.join(" "));
  }, [view]);
  return latest;
}
