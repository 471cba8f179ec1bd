import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  type CreatedGame,
  createdGame,
  createGameBody,
  errorResponses,
  eventList,
  eventsQuery,
  facilitatorTokenAnswer,
  type GameSummary,
  gameIdParams,
  gameList,
  gameSummary,
  joinBody,
  joined,
  joinedAnywhere,
  listGamesQuery,
  moveAccepted,
  seatCodeAnswer,
  seatParams,
} from "../../shared/contract/index";
import {
  createGame,
  eventFor,
  type GameSetup,
  type GameState,
  isRevealedTo,
  outcomeSchema,
  planMinutes,
  type RecordedEvent,
  type Scenario,
  setupScenario,
} from "../../shared/index";
import { currentRulesVersion } from "../../shared/rulesVersions";
import { bearer, identify, keyFirst, requireKey, seatIn } from "../auth/caller";
import { hashCode, hashSecret, newId, newJoinCode, newSecret } from "../auth/secrets";
import type { AppContext } from "../context";
import { type GameRow, joinedSeats, type NewGame } from "../db/gameStore";
import type { Facilitator } from "../db/keyStore";
import { genesisHash } from "../games/hash";
import { headOf } from "../games/service";
import { badRequest, forbidden, fromRule, HttpError, notFound, unauthorized } from "../http/errors";
import { tooManyMoves } from "../limits/http";
import { sameName } from "../limits/names";

export async function gameRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, service, gateway } = ctx;
  const r = app.withTypeProvider<ZodTypeProvider>();

  const gameOr404 = async (gameId: string): Promise<GameRow> => {
    const row = await store.game(gameId);
    if (!row) throw notFound();
    return row;
  };
  const requireFacilitator = async (request: Parameters<typeof seatIn>[1], row: GameRow) => {
    const seat = await seatIn(store, request, row.id, row.facilitatorId);
    if (seat !== "facilitator") throw forbidden("only the facilitator may do this");
  };

  r.post(
    "/api/games",
    {
      onRequest: keyFirst(store),
      schema: {
        tags: ["games"],
        summary: "Create a game, owned by the facilitator key that creates it",
        security: [{ bearer: [] }],
        body: createGameBody,
        response: { 201: createdGame, ...errorResponses },
      },
    },
    async (request, reply) => {
      const facilitator = await requireKey(store, request);
      const body = request.body;
      const { base, scenario } = await setUpScenario(ctx, body, facilitator);
      const seed = body.seed ?? newId("seed-");
      const created = await createStoredGame(ctx, {
        scenario,
        seed,
        title: body.title ?? base.title,
        facilitatorId: facilitator.id,
      });
      request.log.info({ gameId: created.gameId, scenarioId: base.id }, "game created");
      return reply.status(201).send(created);
    },
  );

  r.get(
    "/api/games",
    {
      schema: {
        tags: ["games"],
        summary: "A facilitator's games, newest first (?scenarioId= for a cohort)",
        querystring: listGamesQuery,
        response: { 200: gameList, ...errorResponses },
      },
    },
    async (request) => {
      const facilitator = await requireKey(store, request);
      const rows = await store.gamesOf(facilitator.id, request.query.scenarioId);
      const joinedBy = await joinedSeats(
        store,
        rows.map((g) => g.id),
      );
      return Promise.all(rows.map((row) => summary(row, joinedBy.get(row.id))));
    },
  );

  r.get(
    "/api/games/:gameId",
    {
      schema: {
        tags: ["games"],
        summary: "A game's summary",
        params: gameIdParams,
        response: { 200: gameSummary, ...errorResponses },
      },
    },
    async (request) => {
      const row = await gameOr404(request.params.gameId);
      await seatIn(store, request, row.id, row.facilitatorId);
      const joinedBy = await joinedSeats(store, [row.id]);
      return summary(row, joinedBy.get(row.id));
    },
  );

  async function summary(row: GameRow, joinedSet: Set<string> | undefined): Promise<GameSummary> {
    const seatIds = (row.scenario as Scenario).roles.map((x) => x.id);
    return {
      gameId: row.id,
      title: row.title,
      scenarioId: row.scenarioId,
      scenarioVersion: row.scenarioVersion,
      rulesVersion: row.rulesVersion,
      status: row.status,
      phase: row.phaseId,
      seats: seatIds.map((id) => ({ id, joined: joinedSet?.has(id) ?? false })),
      // The row's jsonb, written from the state's outcome: read back through its schema, not cast.
      outcome: row.outcome == null ? null : outcomeSchema.parse(row.outcome),
      createdAt: row.createdAt.toISOString(),
      forkedFrom: row.forkedFrom,
      classId: row.classId,
      label: row.label,
    };
  }

  /**
   * Joins the seat a code opens: `seatJoined` in the record and a token for it, stored in one
   * statement (the event's append), so a join the record refuses leaves no token behind and a
   * token never exists for a join the record does not hold. The name was checked by the text rule
   * before anything is written (joinBody). A name the seat has already, an observer, or a game
   * just over: the token alone.
   */
  async function joinSeat(
    request: { log: { info(o: object, m: string): void } },
    row: GameRow,
    seatId: string,
    name: string,
  ) {
    // A name the seat has already is not recorded again; a new one past NAMES_PER_SEAT is 409 seat_full.
    const claim = seatId === "observer" ? null : await ctx.limits.names.claim(row.id, seatId, name);
    try {
      const role = seatId === "observer" ? null : (row.scenario as Scenario).roles.find((x) => x.id === seatId)!;
      // Someone already on this seat: the newcomer is told (and they, by the seatJoined event).
      const game = role ? await service.get(row.id) : null;
      const holders = (game?.state.seats[seatId] ?? []).filter((n) => sameName(n) !== sameName(name));
      const token = newSecret("gt");
      const newToken = { tokenHash: hashSecret(token), seatId, name };
      let stored = false;
      if (role && row.status === "live" && claim?.record) {
        // The record says who played, in one statement with the token: neither is left without the other.
        const move = { type: "seatJoined", seat: seatId, name };
        const recorded = await service.submit(row.id, { system: true }, move, newToken);
        // A join is not refused if the game has just ended: then the token alone.
        if (!recorded.ok && recorded.error.code !== "game_over") throw fromRule(recorded.error);
        stored = recorded.ok;
      }
      if (!stored) await store.insertToken(newToken.tokenHash, row.id, seatId, name);
      if (!role) return { token, seat: { id: "observer" as const }, holders: [] };
      request.log.info({ gameId: row.id, seat: seatId }, "seat joined");
      return { token, seat: { id: seatId, side: role.side, role: role.id }, holders };
    } finally {
      claim?.release();
    }
  }

  r.post(
    "/api/games/:gameId/join",
    {
      schema: {
        tags: ["games"],
        summary: "Join a seat (or watch, with the observer code) under a display name",
        params: gameIdParams,
        body: joinBody,
        response: { 200: joined, ...errorResponses },
      },
    },
    async (request) => {
      const row = await gameOr404(request.params.gameId);
      const seatId = await store.seatByCode(row.id, hashCode(request.body.code));
      if (!seatId) throw new HttpError(401, "invalid_code", "that join code does not open a seat of this game");
      return joinSeat(request, row, seatId, request.body.name);
    },
  );

  r.post(
    "/api/join",
    {
      schema: {
        tags: ["games"],
        summary: "Join with a code alone (codes are unique across games): a student who typed it",
        body: joinBody,
        response: { 200: joinedAnywhere, ...errorResponses },
      },
    },
    async (request) => {
      const found = await store.seatAnywhereByCode(hashCode(request.body.code));
      if (!found) throw new HttpError(401, "invalid_code", "that join code does not open a seat of any game");
      const row = await gameOr404(found.gameId);
      return { gameId: row.id, ...(await joinSeat(request, row, found.seatId, request.body.name)) };
    },
  );

  r.post(
    "/api/games/:gameId/facilitator-token",
    {
      schema: {
        tags: ["games"],
        summary: "A fresh facilitator token, for the owner's key",
        params: gameIdParams,
        response: { 200: facilitatorTokenAnswer, ...errorResponses },
      },
    },
    async (request) => {
      const row = await gameOr404(request.params.gameId);
      const caller = await identify(store, bearer(request));
      if (!caller) throw unauthorized();
      if (caller.kind !== "key" || caller.facilitator.id !== row.facilitatorId)
        throw forbidden("only the owner's key may do this");
      const facilitatorToken = newSecret("gt");
      await store.insertToken(hashSecret(facilitatorToken), row.id, "facilitator", null);
      return { facilitatorToken };
    },
  );

  r.post(
    "/api/games/:gameId/facilitator-token/reset",
    {
      schema: {
        tags: ["games"],
        summary: "A new facilitator token; every other facilitator token of the game stops at once (HTTP and sockets)",
        security: [{ bearer: [] }],
        params: gameIdParams,
        response: { 200: facilitatorTokenAnswer, ...errorResponses },
      },
    },
    async (request) => {
      const row = await gameOr404(request.params.gameId);
      await requireFacilitator(request, row);
      const facilitatorToken = newSecret("gt");
      await store.resetFacilitatorTokens(row.id, hashSecret(facilitatorToken));
      gateway.disconnectSeat(row.id, "facilitator");
      request.log.info({ gameId: row.id }, "facilitator token reset");
      return { facilitatorToken };
    },
  );

  r.post(
    "/api/games/:gameId/seats/:seatId/reset",
    {
      schema: {
        tags: ["games"],
        summary: "A new join code for a seat; the old code and its tokens stop working",
        params: seatParams,
        response: { 200: seatCodeAnswer, ...errorResponses },
      },
    },
    async (request) => {
      const row = await gameOr404(request.params.gameId);
      await requireFacilitator(request, row);
      const code = newJoinCode();
      const ok = await store.resetSeat(row.id, request.params.seatId, hashCode(code));
      if (!ok) throw new HttpError(404, "unknown_seat", `no seat "${request.params.seatId}"`);
      gateway.disconnectSeat(row.id, request.params.seatId);
      return { code };
    },
  );

  r.delete(
    "/api/games/:gameId",
    { schema: { tags: ["games"], summary: "Delete a game, its events and its players' names", params: gameIdParams } },
    async (request, reply) => {
      const row = await gameOr404(request.params.gameId);
      await requireFacilitator(request, row);
      await store.deleteGame(row.id);
      service.forget(row.id);
      gateway.disconnectGame(row.id);
      request.log.info({ gameId: row.id }, "game deleted");
      return reply.status(204).send();
    },
  );

  r.get(
    "/api/games/:gameId/events",
    {
      schema: {
        tags: ["games"],
        summary: "The events the caller may see, in order, after ?from=N",
        params: gameIdParams,
        querystring: eventsQuery,
        response: { 200: eventList, ...errorResponses },
      },
    },
    async (request) => {
      const row = await gameOr404(request.params.gameId);
      const seat = await seatIn(store, request, row.id, row.facilitatorId);
      const game = await service.get(row.id);
      if (!game) throw notFound();
      const all = await store.eventsAfter(row.id, request.query.from);
      const revealed = isRevealedTo(game.state, seat);
      const out = [];
      for (const e of all) {
        const seen = eventFor(game.state, e, seat);
        if (!seen) continue;
        // A hash proves the stored event; a seat's redacted copy carries none.
        if (revealed) out.push(seen);
        else {
          const { hash: _hash, ...rest } = seen;
          out.push(rest);
        }
      }
      return out;
    },
  );

  r.post(
    "/api/games/:gameId/moves",
    {
      schema: {
        tags: ["games"],
        summary: "Make a move over HTTP (the same rules and acknowledgement as the socket's `move`)",
        params: gameIdParams,
        // Checked by the rules (parseMove), not here: a refusal then names the rule (unknown_move,
        // invalid_move), like the socket's. The move's shape is the contract's moveBody.
        body: z.unknown(),
        response: { 200: moveAccepted, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await gameOr404(request.params.gameId);
      const seat = await seatIn(store, request, row.id, row.facilitatorId);
      // The seat's one budget, shared with its sockets (server/limits).
      const wait = ctx.limits.takeMove(row.id, seat);
      if (wait > 0) throw tooManyMoves(reply, wait);
      if (seat === "observer") throw forbidden("observers watch; they do not move");
      const actor = seat === "facilitator" ? { facilitator: true as const } : { seat };
      const result = await service.submit(row.id, actor, request.body);
      if (!result.ok) throw fromRule(result.error);
      return { ok: true as const, seq: result.seq };
    },
  );
}

/**
 * The scenario a new game (or a class's every table) is made from, fitted to its set-up: 404 for
 * a scenario this key may not use, 400 with the set-up's rule for a set-up that does not fit. A
 * timing plan of the scenario's (a class's `timingPlan`) gives every phase's minutes; minutes
 * sent beside it win, phase by phase.
 */
export async function setUpScenario(
  ctx: Pick<AppContext, "scenarios">,
  body: { scenarioId: string; scenarioVersion?: number; timingPlan?: string } & GameSetup,
  facilitator: Facilitator,
): Promise<{ base: Scenario; scenario: Scenario }> {
  const base = await ctx.scenarios.find(body.scenarioId, body.scenarioVersion, facilitator);
  if (!base) throw new HttpError(404, "unknown_scenario", `no scenario "${body.scenarioId}"`);
  let phaseMinutes = body.phaseMinutes;
  if (body.timingPlan !== undefined) {
    const plan = planMinutes(base, body.timingPlan);
    if (!plan) {
      const message = `the scenario has no timing plan "${body.timingPlan}"`;
      throw badRequest("invalid_input", `invalid body: /timingPlan ${message}`, {
        path: "/timingPlan",
        issues: [{ path: "/timingPlan", message }],
      });
    }
    phaseMinutes = { ...plan.phases, ...body.phaseMinutes };
  }
  const setup = setupScenario(base, { phaseMinutes, leaveOut: body.leaveOut });
  if (!setup.ok) throw badRequest(setup.error.code, setup.error.message, setup.error.details);
  return { base, scenario: setup.scenario };
}

/** What a new game is made of (createStoredGame's and a class's tables'). */
export type GameToStore = {
  scenario: Scenario;
  seed: string;
  /** The rules version it is played under: a fork's or an import's own, else the current one. */
  rulesVersion?: number;
  title: string;
  facilitatorId: string | null;
  forkedFrom?: string;
  forkedAtSeq?: number;
  /** A fork's or an import's events, already hashed, and the state they fold to. */
  events?: RecordedEvent[];
  state?: GameState;
  archived?: boolean;
};

/** Stores a new live game with fresh codes and a facilitator token; returns what the creator is told once. */
export async function createStoredGame(ctx: Pick<AppContext, "store">, g: GameToStore): Promise<CreatedGame> {
  const minted = mintGame(g);
  await ctx.store.insertGame(minted.row);
  return minted.created;
}

/**
 * A new game's row with fresh codes and a facilitator token, not yet stored, and the secrets its
 * creator is told once: a class stores all its tables' rows in one transaction.
 */
export function mintGame(g: GameToStore): { row: NewGame; created: CreatedGame } {
  const gameId = newId("g");
  const rulesVersion = g.rulesVersion ?? currentRulesVersion();
  const state = g.state ?? createGame(g.scenario, { seed: g.seed, rulesVersion });
  const head = headOf(state);
  const joinCodes: Record<string, string> = {};
  for (const role of g.scenario.roles) joinCodes[role.id] = newJoinCode();
  const observerCode = newJoinCode();
  const facilitatorToken = newSecret("gt");
  const row: NewGame = {
    id: gameId,
    scenario: g.scenario,
    seed: g.seed,
    rulesVersion,
    title: g.title,
    facilitatorId: g.facilitatorId,
    forkedFrom: g.forkedFrom ?? null,
    forkedAtSeq: g.forkedAtSeq ?? null,
    genesis: genesisHash(g.scenario, g.seed, rulesVersion),
    head: g.archived ? { ...head, status: "archived", deadlineAt: null } : head,
    events: g.events,
    seats: [
      ...Object.entries(joinCodes).map(([seatId, code]) => ({ seatId, codeHash: hashCode(code) })),
      { seatId: "observer", codeHash: hashCode(observerCode) },
    ],
    facilitatorTokenHash: hashSecret(facilitatorToken),
  };
  return { row, created: { gameId, facilitatorToken, joinCodes, observerCode } };
}
