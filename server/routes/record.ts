import { Readable } from "node:stream";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createdGame,
  errorResponses,
  errorSchema,
  exportQuery,
  forkBody,
  gameIdParams,
  imported,
} from "../../shared/contract/index";
import { apply, createGame, fold, type GameState, type RecordedEvent, type Scenario } from "../../shared/index";
import { keyFirst, requireKey, seatIn } from "../auth/caller";
import type { AppContext } from "../context";
import { CSV_HEADER, csvRows, csvText } from "../games/csv";
import { forkedEvents } from "../games/fork";
import { eventHash, genesisHash } from "../games/hash";
import { FOLD_OFF_THREAD, foldOffThread, verifyOffThread } from "../games/offThread";
import { deidentified, rechainer } from "../games/record";
import { forbidden, HttpError, notFound } from "../http/errors";
import { createStoredGame } from "./games";

/**
 * An export's body, produced a page of events at a time as the database gives them: memory stays
 * one page whatever the record's length, and the event loop is free between pages. The record is
 * the game as it was when asked (through `lastSeq`), even if a move lands while it streams.
 */
async function* exportBody(
  pages: AsyncIterable<RecordedEvent[]>,
  lastSeq: number,
  edit: (e: RecordedEvent) => RecordedEvent,
  head: string,
  chunk: (events: RecordedEvent[], first: boolean) => string,
  tail: string,
): AsyncGenerator<string> {
  yield head;
  let first = true;
  for await (const page of pages) {
    const upTo = page.filter((e) => e.seq <= lastSeq).map(edit);
    if (upTo.length > 0) yield chunk(upTo, first);
    first = false;
    if (upTo.length < page.length) break;
  }
  if (tail) yield tail;
}

/** Just enough of an import's body to count its events before anything else is spent on it. */
const listedEvents = z.object({ events: z.unknown() });

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
    return { row, scenario };
  }

  r.get(
    "/api/games/:gameId/export",
    {
      schema: {
        tags: ["record"],
        summary: "The record: JSON (scenario, seed, every event with its hash) or CSV; de-identified on request",
        params: gameIdParams,
        querystring: exportQuery,
        response: { 200: z.unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { row, scenario } = await readable(request, request.params.gameId);
      const anonymous = request.query.deidentify === "true";
      // A de-identified copy is a different record: its chain is hashed anew, so it still verifies.
      const rechain = rechainer({ scenario, seed: row.seed, rulesVersion: row.rulesVersion });
      const edit = anonymous ? (e: RecordedEvent) => rechain(deidentified(scenario, e)) : (e: RecordedEvent) => e;
      const name = `summitry-${row.id}${anonymous ? "-deidentified" : ""}`;
      const pages = store.eventPages(row.id, 0);
      if (request.query.format === "csv") {
        const toRow = csvRows(scenario, row.seed, row.rulesVersion);
        const body = exportBody(
          pages,
          row.lastSeq,
          edit,
          csvText([CSV_HEADER], true),
          (events) => csvText(events.map(toRow), false),
          "",
        );
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="${name}.csv"`)
          .send(Readable.from(body));
      }
      const meta = JSON.stringify({
        format: "summitry-game",
        formatVersion: 1,
        gameId: row.id,
        rulesVersion: row.rulesVersion,
        scenario,
        seed: row.seed,
      });
      const head = `${meta.slice(0, -1)},"events":[`;
      const body = exportBody(
        pages,
        row.lastSeq,
        edit,
        head,
        (events, first) => (first ? "" : ",") + events.map((e) => JSON.stringify(e)).join(","),
        "]}",
      );
      return reply
        .type("application/json; charset=utf-8")
        .header("content-disposition", `attachment; filename="${name}.json"`)
        .send(Readable.from(body));
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
        response: {
          201: imported,
          ...errorResponses,
          413: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const facilitator = await requireKey(store, request);
      // Bytes are capped by the body limit; events here, before any work is spent on them.
      const max = ctx.config.IMPORT_MAX_EVENTS;
      const listed = listedEvents.safeParse(request.body);
      const count = listed.success && Array.isArray(listed.data.events) ? listed.data.events.length : 0;
      if (count > max) {
        throw new HttpError(413, "too_large", `a record may hold at most ${max} events; this one holds ${count}`, {
          maxEvents: max,
          events: count,
        });
      }
      // Verification folds and re-decides every event: on the worker thread, so that an import never
      // holds another game's moves.
      const verified = await verifyOffThread(request.body);
      if (!verified.ok) {
        throw new HttpError(400, verified.code, verified.message, { seq: verified.seq, ...(verified.details ?? {}) });
      }
      const created = await createStoredGame(ctx, {
        scenario: verified.scenario,
        seed: verified.seed,
        rulesVersion: verified.rulesVersion,
        title: `${verified.scenario.title} (imported)`,
        facilitatorId: facilitator.id,
        events: verified.events,
        state: verified.state,
        archived: true,
      });
      // Snapshotted at once, so that opening the archive reads one row, not the whole record.
      if (verified.events.length > 0) await store.saveSnapshot(created.gameId, verified.state.seq, verified.state);
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
        body: forkBody,
        response: { 201: createdGame, ...errorResponses },
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
      const chain = { scenario, seed: row.seed, rulesVersion: row.rulesVersion };
      const upTo = (await store.eventsAfter(row.id, 0)).filter((e) => e.seq <= atSeq);
      // Without the original's joins (its players' names), re-chained: the fork verifies on its own.
      const events = forkedEvents(chain, upTo);
      const start = createGame(scenario, { seed: row.seed, rulesVersion: row.rulesVersion });
      let state: GameState = events.length > FOLD_OFF_THREAD ? await foldOffThread(start, events) : fold(start, events);
      if (state.outcome) {
        throw new HttpError(409, "game_over", `the game was over at event ${atSeq}; fork from an earlier one`, {
          seq: atSeq,
        });
      }
      // A running clock stops at the moment of atSeq (a dropped join's time, it may be), so the
      // phase keeps the time it had left then.
      if (!state.clock.paused) {
        const base = {
          seq: state.seq + 1,
          type: "pause" as const,
          actor: { facilitator: true as const },
          at: Math.max(state.at, upTo.at(-1)?.at ?? 0),
          payload: {},
        };
        const pause: RecordedEvent = {
          ...base,
          hash: eventHash(events.at(-1)?.hash ?? genesisHash(scenario, row.seed, row.rulesVersion), base),
        };
        if (events.length === 0) throw new HttpError(409, "not_started", "nothing to fork before the first event");
        events.push(pause);
        state = apply(state, pause);
      }
      const created = await createStoredGame(ctx, {
        scenario,
        seed: row.seed,
        rulesVersion: row.rulesVersion,
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
