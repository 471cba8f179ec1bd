/**
 * What the browser keeps: the facilitator key (a teacher's identity across games) and, per game
 * and per seat, the token of each seat this browser holds. One browser may hold the facilitator,
 * the projector and several players' seats of the same game at once (a classroom laptop, a
 * teacher testing a link): each is kept under its own name, so joining one never replaces
 * another. Never a scenario.
 */

/** Every name this client writes starts with this: "Forget this device" removes them all. */
export const PREFIX = "summitry.";
const KEY = `${PREFIX}facilitatorKey`;
const SEAT = `${PREFIX}seat.`;
const seatKey = (gameId: string, seatId: string) => `${SEAT}${gameId}.${seatId}`;

export type StoredSeat = { token: string; seat: string; name?: string };

const safe = <T>(f: () => T, fallback: T): T => {
  try {
    return f();
  } catch {
    return fallback;
  }
};

/** A stored seat as written, or null for anything else (a value edited by hand, an old format). */
function parseSeat(raw: string | null): StoredSeat | null {
  const v = safe(() => JSON.parse(raw ?? "null") as unknown, null);
  if (!v || typeof v !== "object") return null;
  const { token, seat, name } = v as Record<string, unknown>;
  if (typeof token !== "string" || typeof seat !== "string") return null;
  return typeof name === "string" ? { token, seat, name } : { token, seat };
}

/** Same-tab listeners: the browser's `storage` event only reaches the other tabs. */
const listeners = new Set<() => void>();
const changed = () => {
  for (const l of listeners) l();
};

function keys(): string[] {
  return safe(() => {
    const out: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k !== null) out.push(k);
    }
    return out;
  }, []);
}

/**
 * Before seats were kept apart, a browser held one seat per game under `summitry.seat.<gameId>`;
 * such an entry is moved to its seat's own name (ids hold no dots, so the two forms differ).
 */
function migrate() {
  for (const k of keys()) {
    if (!k.startsWith(SEAT) || k.slice(SEAT.length).includes(".")) continue;
    const s = parseSeat(safe(() => localStorage.getItem(k), null));
    const gameId = k.slice(SEAT.length);
    safe(() => {
      if (s && localStorage.getItem(seatKey(gameId, s.seat)) === null)
        localStorage.setItem(seatKey(gameId, s.seat), JSON.stringify(s));
      localStorage.removeItem(k);
    }, undefined);
  }
}
migrate();

export const storage = {
  facilitatorKey: (): string | null => safe(() => localStorage.getItem(KEY), null),
  setFacilitatorKey: (key: string) => {
    safe(() => localStorage.setItem(KEY, key), undefined);
    changed();
  },
  forgetFacilitatorKey: () => {
    safe(() => localStorage.removeItem(KEY), undefined);
    changed();
  },
  /** The token of one seat of a game ("facilitator", "observer" or a role id), if this browser holds it. */
  seat: (gameId: string, seatId: string): StoredSeat | null =>
    parseSeat(safe(() => localStorage.getItem(seatKey(gameId, seatId)), null)),
  /** Every seat of a game this browser holds. */
  seatsOf: (gameId: string): StoredSeat[] => {
    const prefix = `${SEAT}${gameId}.`;
    return keys()
      .filter((k) => k.startsWith(prefix))
      .map((k) => parseSeat(safe(() => localStorage.getItem(k), null)))
      .filter((s): s is StoredSeat => s !== null)
      .sort((a, b) => a.seat.localeCompare(b.seat));
  },
  /** Keeps a seat's token under that seat's own name: the other seats of the game stay. */
  setSeat: (gameId: string, s: StoredSeat) => {
    safe(() => localStorage.setItem(seatKey(gameId, s.seat), JSON.stringify(s)), undefined);
    changed();
  },
  forgetSeat: (gameId: string, seatId: string) => {
    safe(() => localStorage.removeItem(seatKey(gameId, seatId)), undefined);
    changed();
  },
  /** "Forget this device": every key, token, code and note this client ever kept here. */
  forgetAll: () => {
    for (const k of keys()) if (k.startsWith(PREFIX)) safe(() => localStorage.removeItem(k), undefined);
    safe(() => {
      for (const k of Object.keys(sessionStorage)) if (k.startsWith(PREFIX)) sessionStorage.removeItem(k);
    }, undefined);
    changed();
  },
  /** Calls back on every change, in this tab or another: a page follows its seat's token as it changes. */
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    const onStorage = (e: StorageEvent) => {
      if (e.key === null || e.key.startsWith(PREFIX)) listener();
    };
    window.addEventListener("storage", onStorage);
    return () => {
      listeners.delete(listener);
      window.removeEventListener("storage", onStorage);
    };
  },
};
