import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { apply, createGame, type GameState, type RecordedEvent, type Scenario } from "../../shared/index";
import { keyFirst, requireKey, seatIn } from "../auth/caller";
import type { AppContext } from "../context";
import { toCsv } from "../games/csv";
import { eventHash } from "../games/hash";
import { deidentify, rechain, verifyRecord } from "../games/record";
import { forbidden, HttpError, notFound } from "../http/errors";
import { createStoredGame } from "./games";
import { createdGame, errorSchema, gameIdParams } from "./schemas";

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/** Export, import and fork: the record made portable (PROTOCOL.md). */
export async function recordRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store } = ctx;
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** Everything of a game, for the facilitator; for seats too once a revealing game is over. */
  async function readable(request: FastifyRequest, gameId: string) {
    const row = await store.game(gameId);
    if (!row) throw notFound();
    const seat = await seatIn(store, request, row.id, row.facilitatorId);
    const scenario = row.scenario as Scenario;
    const open = row.status !== "live" && scenario.rules.revealAtEnd;
    if (seat !== "facilitator" && !open) {
      throw forbidden(
        "the record opens to seats only once the game is over, and only if the scenario reveals at the end",
      );
    }
    const events = await store.eventsAfter(row.id, 0);
    return { row, scenario, events };
  }

  r.get(
    "/api/games/:gameId/export",
    {
      schema: {
        tags: ["record"],
        summary: "The record: JSON (scenario, seed, every event with its hash) or CSV; de-identified on request",
        params: gameIdParams,
        querystring: z.strictObject({
          format: z.enum(["json", "csv"]).default("json"),
          deidentify: z.enum(["true", "false"]).default("false"),
        }),
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (request, reply) => {
      const { row, scenario, events } = await readable(request, request.params.gameId);
      const anonymous = request.query.deidentify === "true";
      // A de-identified copy is a different record: its chain is hashed anew, so it still verifies.
      const out = anonymous ? rechain(scenario, row.seed, deidentify(scenario, events)) : events;
      const name = `summitry-${row.id}${anonymous ? "-deidentified" : ""}`;
      if (request.query.format === "csv") {
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="${name}.csv"`)
          .send(toCsv(scenario, row.seed, out));
      }
      return reply
        .header("content-disposition", `attachment; filename="${name}.json"`)
        .send({ format: "summitry-game", formatVersion: 1, gameId: row.id, scenario, seed: row.seed, events: out });
    },
  );

  r.post(
    "/api/games/import",
    {
      bodyLimit: ctx.config.IMPORT_LIMIT_BYTES,
      onRequest: keyFirst(store),
      schema: {
        tags: ["record"],
        summary:
          "Import an exported game as an archive (replay and debrief only); 400 names the first event that fails",
        body: z.unknown(),
        response: { 201: z.object({ gameId: z.string(), facilitatorToken: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      const facilitator = await requireKey(store, request);
      const verified = verifyRecord(request.body);
      if (!verified.ok) {
        throw new HttpError(400, verified.code, verified.message, { seq: verified.seq, ...(verified.details ?? {}) });
      }
      const created = await createStoredGame(ctx, {
        scenario: verified.scenario,
        seed: verified.seed,
        title: `${verified.scenario.title} (imported)`,
        facilitatorId: facilitator.id,
        events: verified.events,
        state: verified.state,
        archived: true,
      });
      request.log.info({ gameId: created.gameId, events: verified.events.length }, "game imported");
      return reply.status(201).send({ gameId: created.gameId, facilitatorToken: created.facilitatorToken });
    },
  );

  r.post(
    "/api/games/:gameId/fork",
    {
      schema: {
        tags: ["record"],
        summary: "A new live game holding the events up to atSeq, paused; the original is untouched",
        params: gameIdParams,
        body: z.strictObject({ atSeq: z.int().min(0) }),
        response: { 201: createdGame, ...errors },
      },
    },
    async (request, reply) => {
      const row = await store.game(request.params.gameId);
      if (!row) throw notFound();
      const seat = await seatIn(store, request, row.id, row.facilitatorId);
      if (seat !== "facilitator") throw forbidden("only the facilitator may fork a game");
      const { atSeq } = request.body;
      if (atSeq > row.lastSeq)
        throw new HttpError(400, "unknown_seq", `the game has ${row.lastSeq} events`, { seq: atSeq });
      const scenario = row.scenario as Scenario;
      const events: RecordedEvent[] = (await store.eventsAfter(row.id, 0)).filter((e) => e.seq <= atSeq);
      let state: GameState = events.reduce(apply, createGame(scenario, { seed: row.seed }));
      if (state.outcome) {
        throw new HttpError(409, "game_over", `the game was over at event ${atSeq}; fork from an earlier one`, {
          seq: atSeq,
        });
      }
      // A running clock stops at the moment of atSeq, so the phase keeps the time it had left then.
      if (!state.clock.paused) {
        const base = {
          seq: atSeq + 1,
          type: "pause" as const,
          actor: { facilitator: true as const },
          at: state.at,
          payload: {},
        };
        const pause: RecordedEvent = { ...base, hash: eventHash(events.at(-1)?.hash ?? row.lastHash, base) };
        if (events.length === 0) throw new HttpError(409, "not_started", "nothing to fork before the first event");
        events.push(pause);
        state = apply(state, pause);
      }
      const created = await createStoredGame(ctx, {
        scenario,
        seed: row.seed,
        title: `${row.title} (fork at ${atSeq})`,
        facilitatorId: row.facilitatorId,
        forkedFrom: row.id,
        forkedAtSeq: atSeq,
        events,
        state,
      });
      request.log.info({ gameId: created.gameId, forkedFrom: row.id, atSeq }, "game forked");
      return reply.status(201).send(created);
    },
  );
}
