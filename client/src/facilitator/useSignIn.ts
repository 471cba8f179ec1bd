import { useCallback, useEffect, useRef, useState } from "react";
import { type Me, me as meAnswer } from "../../../shared/contract/index";
import { ApiFailure, api } from "../core/api";
import { storage } from "../core/storage";
import { useFacilitatorKey } from "../core/useStoredSeat";
import { describeError } from "./errors";

export type SignIn =
  | { status: "none" }
  | { status: "checking" }
  | { status: "ok"; key: string; me: Me }
  | { status: "refused"; key: string }
  | { status: "error"; key: string; message: string };

/** A key offered by a sign-in link while this browser already holds another: the user chooses. */
export type Offer = { key: string; me: Me | null; current: Me | null };

/** The key a sign-in link carries: `/facilitator#key=<key>` (the fragment never reaches a server). */
function linkKey(): string | null {
  const m = /^#key=(.+)$/.exec(window.location.hash);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!).trim() || null;
  } catch {
    return null;
  }
}

const me = (key: string) => api("/api/me", meAnswer, { token: key });

/**
 * Who this browser is signed in as. A sign-in link's key is taken out of the address at once
 * (history.replaceState: it stays out of the history, bookmarks and screenshots), kept, and checked
 * with `GET /api/me`. A link that would replace another key asks first, so a link from someone
 * else cannot silently sign a teacher into their account.
 */
export function useSignIn() {
  const key = useFacilitatorKey();
  const [offered] = useState(linkKey);
  const [state, setState] = useState<SignIn>(() => (key || offered ? { status: "checking" } : { status: "none" }));
  const [offer, setOffer] = useState<Offer | null>(null);
  const [fromLink, setFromLink] = useState(false);

  useEffect(() => {
    if (!offered) return;
    window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
    const current = storage.facilitatorKey();
    if (!current || current === offered) {
      storage.setFacilitatorKey(offered);
      setFromLink(true);
      return;
    }
    Promise.all([me(offered).catch(() => null), me(current).catch(() => null)]).then(([o, c]) =>
      setOffer({ key: offered, me: o, current: c }),
    );
  }, [offered]);

  // Only the answer about the key held now counts (a slow answer about a replaced key is dropped).
  const asked = useRef(0);
  const check = useCallback(async (k: string) => {
    const n = ++asked.current;
    // A signed-in page stays as it is while a new key (its own, rotated) is checked.
    setState((s) => (s.status === "ok" ? s : { status: "checking" }));
    let next: SignIn;
    try {
      next = { status: "ok", key: k, me: await me(k) };
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) next = { status: "refused", key: k };
      else next = { status: "error", key: k, message: describeError(err) };
    }
    if (n === asked.current) setState(next);
  }, []);

  useEffect(() => {
    if (key) check(key);
    else {
      asked.current++;
      // The link's key is stored in the same commit: still checking, not signed out.
      setState(storage.facilitatorKey() ? { status: "checking" } : { status: "none" });
    }
  }, [key, check]);

  return {
    state,
    offer,
    fromLink,
    retry: () => key && check(key),
    acceptOffer: () => {
      if (offer?.me) {
        storage.setFacilitatorKey(offer.key);
        setFromLink(true);
      }
      setOffer(null);
    },
    declineOffer: () => setOffer(null),
    forgetKey: () => storage.forgetFacilitatorKey(),
    adoptKey: (k: string) => storage.setFacilitatorKey(k),
  };
}
