import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  type ClassSummary,
  classIdParams,
  classList,
  classSummary,
  createClassBody,
  createdClass,
  errorResponses,
  seatingSchema,
} from "../../shared/contract/index";
import type { Scenario } from "../../shared/index";
import { bearer, keyFirst, requireKey } from "../auth/caller";
import { hashSecret, newId } from "../auth/secrets";
import type { AppContext } from "../context";
import { type ClassRow, type GameRow, joinedSeats } from "../db/gameStore";
import { planClass } from "../games/classPlan";
import { badRequest, notFound } from "../http/errors";
import { type Buckets, takeAll } from "../limits/buckets";
import { refuse } from "../limits/http";
import { mintGame, setUpScenario } from "./games";

/** A class's `tables` column: its games in order, each with the roster's seating (schema.ts). */
const storedTables = z.array(z.object({ gameId: z.string(), label: z.string(), seating: seatingSchema }));

/**
 * Classes: one request makes every table of a period (POST /api/classes), all stored in one
 * transaction; the owner's key reads them back. Another key is told there is no such class (404),
 * not that it belongs to someone else.
 */
export async function classRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store } = ctx;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/api/classes",
    {
      onRequest: keyFirst(store),
      schema: {
        tags: ["games"],
        summary: "Create a class: N labelled games of one scenario and set-up, all or none",
        security: [{ bearer: [] }],
        body: createClassBody,
        response: { 201: createdClass, ...errorResponses },
      },
    },
    async (request, reply) => {
      const facilitator = await requireKey(store, request);
      const body = request.body;
      // One set-up for every table: checked once, before anything is stored.
      const { base, scenario } = await setUpScenario(ctx, body, facilitator);
      const planned = planClass(
        body,
        scenario.roles.map((role) => role.id),
      );
      if (!planned.ok) {
        throw badRequest("invalid_input", `invalid body: ${planned.path} ${planned.message}`, {
          path: planned.path,
          issues: [{ path: planned.path, message: planned.message }],
        });
      }
      // Each table is a game against the key's budget: the request took one, the rest are taken here.
      const wait = takeTables(request, planned.plan.tables.length - 1);
      if (wait > 0) return refuse(reply, wait, "too many games created from this key");
      const classId = newId("c");
      const title = body.title ?? base.title;
      const minted = planned.plan.tables.map((table) => {
        const gameTitle = `${table.label} · ${title}`;
        const m = mintGame({
          scenario,
          seed: newId("seed-"),
          title: gameTitle,
          facilitatorId: facilitator.id,
        });
        return { ...table, title: gameTitle, row: { ...m.row, label: table.label }, created: m.created };
      });
      await store.insertClass(
        {
          id: classId,
          facilitatorId: facilitator.id,
          title,
          scenarioId: base.id,
          scenarioVersion: base.version,
          tables: minted.map((m) => ({ gameId: m.created.gameId, label: m.label, seating: m.seating })),
        },
        minted.map((m) => m.row),
      );
      request.log.info({ classId, tables: minted.length, scenarioId: base.id }, "class created");
      return reply.status(201).send({
        classId,
        title,
        tables: minted.map((m) => ({ ...m.created, label: m.label, title: m.title, seating: m.seating })),
      });
    },
  );

  r.get(
    "/api/classes",
    {
      schema: {
        tags: ["games"],
        summary: "A facilitator's classes, newest first, each with its tables",
        security: [{ bearer: [] }],
        response: { 200: classList, ...errorResponses },
      },
    },
    async (request) => {
      const facilitator = await requireKey(store, request);
      return summaries(await store.classesOf(facilitator.id));
    },
  );

  r.get(
    "/api/classes/:classId",
    {
      schema: {
        tags: ["games"],
        summary: "One class and its tables, for the key that created it",
        security: [{ bearer: [] }],
        params: classIdParams,
        response: { 200: classSummary, ...errorResponses },
      },
    },
    async (request) => {
      const facilitator = await requireKey(store, request);
      const row = await store.classById(request.params.classId);
      // Another key's class is no class at all to this one: the same 404 as an unknown id.
      if (!row || row.facilitatorId !== facilitator.id) throw notFound("no such class");
      const [one] = await summaries([row]);
      return one!;
    },
  );

  /**
   * Takes `extra` games from the key's minute and day budgets, all or none (those taken are given
   * back when one is refused): 0, or the wait in ms. A class of 20 tables costs what 20 games do.
   */
  function takeTables(request: FastifyRequest, extra: number): number {
    const secret = bearer(request);
    if (!secret || extra <= 0) return 0;
    const key = hashSecret(secret);
    const { minute, day } = ctx.limits.writes.games;
    const pairs: [Buckets, string][] = [
      [minute, key],
      [day, key],
    ];
    for (let taken = 0; taken < extra; taken++) {
      const wait = takeAll(pairs);
      if (wait > 0) {
        for (let i = 0; i < taken; i++) for (const [b, k] of pairs) b.give(k);
        return wait;
      }
    }
    return 0;
  }

  /** Classes with their tables in the class's order; a table deleted since is left out. */
  async function summaries(rows: ClassRow[]): Promise<ClassSummary[]> {
    const games = await store.gamesOfClasses(rows.map((c) => c.id));
    const byId = new Map<string, GameRow>(games.map((g) => [g.id, g]));
    const joinedBy = await joinedSeats(
      store,
      games.map((g) => g.id),
    );
    return rows.map((c) => ({
      classId: c.id,
      title: c.title,
      scenarioId: c.scenarioId,
      scenarioVersion: c.scenarioVersion,
      createdAt: c.createdAt.toISOString(),
      tables: storedTables.parse(c.tables).flatMap((t) => {
        const g = byId.get(t.gameId);
        if (!g) return [];
        const joined = joinedBy.get(g.id);
        return [
          {
            gameId: g.id,
            label: t.label,
            title: g.title,
            status: g.status,
            phase: g.phaseId,
            seats: (g.scenario as Scenario).roles.map((role) => ({
              id: role.id,
              joined: joined?.has(role.id) ?? false,
            })),
            seating: t.seating,
          },
        ];
      }),
    }));
  }
}
