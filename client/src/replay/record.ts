import { useEffect, useState } from "react";
import { z } from "zod";
import { type GameRecord, parseRecord } from "../../../shared/contract/record";
import { brokenLink, hashChain } from "../../../shared/hashChain";
import type { RecordedEvent } from "../../../shared/index";
import { ApiFailure, api } from "../core/api";
import { seatParam } from "../core/seatPaths";
import { storage } from "../core/storage";
import { t } from "../texts";

/**
 * A game's record as `GET /api/games/:gameId/export?format=json` gives it: the game's own full
 * scenario (secrets included) and its seed, and every event. The replay, the debrief and the
 * cohort fold it in the browser with the rules module. The server hands it out only to whoever may
 * see everything: the facilitator (token or owner's key), and the players once a game that reveals
 * at the end is over. Its format is the contract's (shared/contract/record.ts), read under the
 * game's own rules version.
 */

export type { GameRecord };
export type RecordEvent = RecordedEvent;

/** Raised when this browser holds no token for a game and no facilitator key. */
export class NoToken extends Error {
  constructor() {
    super("no_token");
  }
}

/**
 * The credentials to try for a game, in order. A replay or debrief opened from a seat's page names
 * that seat (`?seat=`) and uses its token only: a player's link never borrows the console's token
 * this browser may also hold. Without a seat: the console's token, the facilitator key, then the
 * other seats this browser holds.
 */
export function credentialsFor(gameId: string, seat: string | null = seatParam()): string[] {
  const key = storage.facilitatorKey();
  const consoleToken = storage.seat(gameId, "facilitator")?.token;
  const out: string[] = [];
  if (seat && seat !== "facilitator") {
    const token = storage.seat(gameId, seat)?.token;
    return token ? [token] : [];
  }
  if (consoleToken) out.push(consoleToken);
  if (key) out.push(key);
  if (seat === "facilitator") return out;
  for (const s of storage.seatsOf(gameId)) if (s.seat !== "facilitator") out.push(s.token);
  return out;
}

/** Who this browser is in a game: the seat named in the address, else the facilitator, else a seat it holds. */
export function viewerOf(gameId: string, seat: string | null = seatParam()): string | null {
  if (seat) return seat === "facilitator" || storage.seat(gameId, seat) ? seat : null;
  if (storage.seat(gameId, "facilitator") || storage.facilitatorKey()) return "facilitator";
  return storage.seatsOf(gameId)[0]?.seat ?? null;
}

/**
 * Calls the API with each credential in turn until one is accepted: a seat's token that is
 * refused (revoked, or a game not yet open to seats) gives way to the owner's key.
 */
export async function withGameCredential<T>(gameId: string, call: (token: string) => Promise<T>): Promise<T> {
  const tokens = credentialsFor(gameId);
  if (tokens.length === 0) throw new NoToken();
  let last: unknown = null;
  for (const token of tokens) {
    try {
      return await call(token);
    } catch (err) {
      last = err;
      if (!(err instanceof ApiFailure) || (err.status !== 401 && err.status !== 403)) throw err;
    }
  }
  throw last;
}

export const exportPath = (gameId: string, query: string) => `/api/games/${encodeURIComponent(gameId)}/export?${query}`;

/** The record as the contract reads it; anything else is not a Summitry record, said in words. */
export function checkRecord(data: unknown): GameRecord {
  const read = parseRecord(data);
  if (!read.ok) throw new Error(`${t.replay.load.badFormat} (${read.problem.message})`);
  return read.record;
}

export async function fetchRecord(gameId: string): Promise<GameRecord> {
  // Taken as it comes, then read by checkRecord under the record's own rules version: a schema
  // applied here would read it under the current one (and normalise a version-1 record's text).
  const data = await withGameCredential(gameId, (token) =>
    api(exportPath(gameId, "format=json"), z.unknown(), { token }),
  );
  return checkRecord(data);
}

/** A failure to load a record, in words a player or a facilitator can act on. */
export function describeLoadError(err: unknown): string {
  const T = t.replay.load;
  if (err instanceof NoToken) return T.noToken;
  if (err instanceof ApiFailure) {
    if (err.status === 401) return T.unauthorized;
    if (err.status === 403) return T.forbidden;
    if (err.status === 404) return T.notFound;
    if (err.status === 0) return T.offline;
    return t.common.error(err.error.message);
  }
  return err instanceof Error ? err.message : String(err);
}

export type RecordState =
  | { status: "loading" }
  | { status: "error"; message: string; forbidden: boolean }
  | { status: "ready"; record: GameRecord };

export function useRecord(gameId: string): RecordState {
  const [state, setState] = useState<RecordState>({ status: "loading" });
  useEffect(() => {
    let live = true;
    setState({ status: "loading" });
    fetchRecord(gameId).then(
      (record) => live && setState({ status: "ready", record }),
      (err) =>
        live &&
        setState({
          status: "error",
          message: describeLoadError(err),
          forbidden: err instanceof ApiFailure && err.status === 403,
        }),
    );
    return () => {
      live = false;
    };
  }, [gameId]);
  return state;
}

// ---------------------------------------------------------------------------------------------
// The hash chain (shared/hashChain.ts), with the pure SHA-256 of shared/: the same chain the server
// computes, over plain HTTP too (Web Crypto's digest exists only in a secure context).

export type ChainCheck = { status: "ok"; events: number } | { status: "broken"; seq: number };

const chain = hashChain();

/** Recomputes every event's hash: the first that does not match names where the record was changed. */
export async function verifyChain(record: GameRecord): Promise<ChainCheck> {
  // After the first paint: a long record's hashes are seconds of work the page should not wait for.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const broken = brokenLink(chain, record);
  return broken ? { status: "broken", seq: broken.seq } : { status: "ok", events: record.events.length };
}
