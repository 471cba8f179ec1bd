import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { draftAnswer, draftBody, errorResponses, scenarioParams, versionQuery } from "../../shared/contract/index";
import { scenarioSchema } from "../../shared/index";
import { requireKey } from "../auth/caller";
import type { AppContext } from "../context";
import { DraftStore } from "../db/draftStore";
import { HttpError } from "../http/errors";

/**
 * The scenario lab's routes (issue #12): a facilitator key's private draft, and the whole document
 * of a scenario that key may create games from, to start a draft from. The document gives the key
 * nothing new: a game made from that scenario shows its facilitator every brief, point and inject.
 * A game token is not a key, so no seat ever reaches either route. The draft's address is beside
 * /api/scenario-schema.json, not under /api/scenarios/: there it would shadow a scenario whose id is
 * "draft" (GET /api/scenarios/:id).
 */
export async function labRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, scenarios } = ctx;
  const drafts = new DraftStore(ctx.db);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/scenario-draft",
    {
      schema: {
        tags: ["scenarios"],
        summary: "The scenario lab's draft this key keeps (nulls when none): its own key only",
        security: [{ bearer: [] }],
        response: { 200: draftAnswer, ...errorResponses },
      },
    },
    async (request) => {
      const me = await requireKey(store, request);
      const draft = await drafts.read(me.id);
      return { text: draft?.text ?? null, updatedAt: draft?.updatedAt.toISOString() ?? null };
    },
  );

  r.put(
    "/api/scenario-draft",
    {
      schema: {
        tags: ["scenarios"],
        summary: 'Keep this key\'s scenario lab draft (any text, valid or not; "" forgets it), replacing the last',
        security: [{ bearer: [] }],
        body: draftBody,
        response: { 200: draftAnswer, ...errorResponses },
      },
    },
    async (request) => {
      const me = await requireKey(store, request);
      const { text } = request.body;
      if (text === "") {
        await drafts.clear(me.id);
        return { text: null, updatedAt: null };
      }
      const updatedAt = await drafts.write(me.id, text);
      return { text, updatedAt: updatedAt.toISOString() };
    },
  );

  r.get(
    "/api/scenarios/:id/document",
    {
      schema: {
        tags: ["scenarios"],
        summary:
          "A scenario's whole document (briefs, points, injects), to edit a copy in the lab: a key that may create games from it",
        security: [{ bearer: [] }],
        params: scenarioParams,
        querystring: versionQuery,
        response: { 200: scenarioSchema, ...errorResponses },
      },
    },
    async (request) => {
      const me = await requireKey(store, request);
      const s = await scenarios.find(request.params.id, request.query.version, me);
      if (!s) throw new HttpError(404, "unknown_scenario", `no scenario "${request.params.id}"`);
      return s;
    },
  );
}
