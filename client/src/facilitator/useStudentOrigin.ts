import { useEffect, useState } from "react";
import { type Addresses, addresses } from "../../../shared/contract/index";
import { api } from "../core/api";
import { PREFIX } from "../core/storage";
import { withFacilitatorToken } from "./access";
import { describeError } from "./errors";

/**
 * The address students' links, QR codes and sheets start with. The teacher's own page is often
 * at localhost, which on a phone is the phone: so the server says where it can be reached
 * (`GET /api/addresses`): PUBLIC_URL when the operator set it, else this machine's LAN addresses,
 * one of which the facilitator picks (remembered in this browser, for every game).
 */

const CHOICE = `${PREFIX}studentOrigin`;

/** Hosts that, typed on a student's phone, reach the phone itself. */
export const isLocalHost = (hostname: string) =>
  hostname === "localhost" || hostname.endsWith(".localhost") || /^127\./.test(hostname) || hostname === "[::1]";

export type StudentOrigin = {
  /** What links start with now: the server's answer, or this page's origin until it comes (or if it fails). */
  origin: string;
  answer: Addresses | null;
  error: string | null;
  /** The facilitator's pick among the candidates (no effect with PUBLIC_URL). */
  choose(origin: string): void;
};

function remembered(): string | null {
  try {
    return localStorage.getItem(CHOICE);
  } catch {
    return null;
  }
}

/**
 * What the facilitator may choose from: the server's candidates, and this page's own address when
 * it is not localhost and not among them (a name such as teacher-laptop.local, a port forwarded).
 */
export function offeredOrigins(answer: Addresses, page: string): string[] {
  const offered = answer.candidates.map((c) => c.origin);
  return isLocalHost(new URL(page).hostname) || offered.includes(page) ? offered : [page, ...offered];
}

/** PUBLIC_URL, else the remembered pick if still offered, else this page's address if others reach it, else the first candidate. */
export function pickOrigin(answer: Addresses | null, chosen: string | null, page: string): string {
  if (!answer) return page;
  if (answer.publicUrl) return answer.publicUrl;
  const offered = offeredOrigins(answer, page);
  if (chosen && offered.includes(chosen)) return chosen;
  if (offered.includes(page) && !isLocalHost(new URL(page).hostname)) return page;
  return offered[0] ?? page;
}

/** For a game's links: asked with the game's facilitator token (renewed with the key if need be). */
export function useStudentOrigin(gameId: string): StudentOrigin {
  return useOrigin(gameId, () => withFacilitatorToken(gameId, (token) => api("/api/addresses", addresses, { token })));
}

/** For links made with a key alone (an operator's invites): the same address, the same choice. */
export function useKeyOrigin(key: string): StudentOrigin {
  return useOrigin(key, () => api("/api/addresses", addresses, { token: key }));
}

function useOrigin(asker: string, ask: () => Promise<Addresses>): StudentOrigin {
  const [answer, setAnswer] = useState<Addresses | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(remembered);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `ask` is made anew each render; `asker` is what it asks with
  useEffect(() => {
    let live = true;
    ask().then(
      (a) => live && setAnswer(a),
      (err) => live && setError(describeError(err)),
    );
    return () => {
      live = false;
    };
  }, [asker]);

  const choose = (origin: string) => {
    setChosen(origin);
    try {
      localStorage.setItem(CHOICE, origin);
    } catch {}
  };
  return { origin: pickOrigin(answer, chosen, window.location.origin), answer, error, choose };
}
