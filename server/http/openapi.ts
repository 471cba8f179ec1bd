import type { SwaggerOptions } from "@fastify/swagger";
import type { FastifySwaggerUiOptions } from "@fastify/swagger-ui";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema, noContent } from "../../shared/contract/index";
import { gameRecordSchema } from "../../shared/contract/record";
import { moveSchema, scenarioSchema } from "../../shared/index";

/**
 * The OpenAPI document at /docs/json, written once here for every route: its operationId, who may
 * call it (the bearer scheme, or `security: []` for a public route), the error answers it really
 * gives, and the documented body of the three routes whose body the rules validate themselves.
 * Routes keep only what validates (params, query, body, success response) and their summary; a
 * route missing from `operations` is caught by tests/server/openapi.test.ts.
 */

/** Who may call a route (server/auth/caller.ts decides; this says it in the document). */
type Access =
  /** No credential: `security: []`. */
  | "public"
  /** A facilitator key or a game token, as `Authorization: Bearer …`; without one, 401. */
  | "bearer"
  /** Anonymous or with a bearer: a key or token shows more, a bad one is ignored (or, on invites, 401). */
  | "optional";

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503;

type Operation = {
  operationId: string;
  access: Access;
  /** The refusals particular to this route, each with the codes it sends; see `always` for the rest. */
  errors: Partial<Record<ErrorStatus, string>>;
  /**
   * The body as documented, where the route reads `z.unknown()` on purpose: the rules validate it
   * and name their own rule (`invalid_move`, `invalid_scenario` with paths, an import's event), which
   * Fastify's validator would pre-empt with a bare `invalid_input`.
   */
  body?: z.ZodType;
  /** A success answer the route's own schema does not give (e.g. a 204 with no schema). */
  success?: Record<number, z.ZodType>;
};

// Documented components (the `id` makes each a `$ref`): zod schemas of the docs only, never validating.
const errorBody = errorSchema.meta({
  id: "Error",
  description: "Every 4xx and 5xx answer, whoever sends it: a stable code, a sentence, the code's details",
});
const moveBody = moveSchema.meta({
  id: "Move",
  description: "A move of GAME.md, by its `type`; the rules then decide whether it is allowed now",
});
const scenarioBody = scenarioSchema.meta({
  id: "Scenario",
  description: "A scenario document (GET /api/scenario-schema.json has the same format as JSON Schema)",
});
const recordBody = gameRecordSchema.extend({ scenario: scenarioBody }).meta({
  id: "GameRecord",
  description:
    "The record (GET /api/games/{gameId}/export, a file to download; ?format=csv gives one row per event): scenario, seed, every event with its hash",
});

const rateLimited = "rate_limited: too many of these from this key, address or code; `Retry-After` says when to retry";
const byRules =
  "a rule's refusal of the move in the game's present state (game_over, paused, wrong_phase, not_acting, too_many_open_proposals…)";

const NOT_OPERATOR = "forbidden: not the operator";
const NO_KEY = "unauthorized: no facilitator key (a game token is not one)";
const FACILITATOR_ONLY = "forbidden: only the game's facilitator";
const NOT_THIS_GAME = "forbidden: a token of another game, or a key that does not own it";
const joinErrors = {
  404: "not_found",
  409: "seat_full (too many names on the seat), or the record's refusal of the join",
  429: rateLimited,
};

/** Every route of the HTTP API, by `METHOD url` as Fastify knows it. */
export const operations: Record<string, Operation> = {
  "GET /health": {
    operationId: "getHealth",
    access: "public",
    errors: {
      503: "the database is not answering (the health body, with `error.code` unavailable), or shutting_down",
    },
  },
  "GET /metrics": {
    operationId: "getMetrics",
    access: "bearer",
    errors: { 403: "forbidden: neither the operator's key nor METRICS_TOKEN" },
  },
  "POST /metrics/reset": {
    operationId: "resetMetrics",
    access: "bearer",
    errors: { 403: "forbidden: neither the operator's key nor METRICS_TOKEN" },
  },

  "GET /api/me": { operationId: "getMe", access: "bearer", errors: {} },
  "GET /api/addresses": {
    operationId: "getAddresses",
    access: "bearer",
    errors: { 403: "forbidden: a seat's or the observers' token (a key or a facilitator token may)" },
  },
  "POST /api/facilitators": {
    operationId: "createFacilitator",
    access: "optional",
    errors: {
      401: "unauthorized (no key and no invite), invalid_invite (used, expired or unknown)",
      403: "forbidden: a key that is not the operator's",
    },
  },
  "GET /api/facilitators": {
    operationId: "listFacilitators",
    access: "bearer",
    errors: { 403: NOT_OPERATOR },
  },
  "POST /api/facilitators/{id}/rotate": {
    operationId: "rotateFacilitatorKey",
    access: "bearer",
    errors: { 403: "forbidden: another facilitator's key, and not the operator", 404: "not_found" },
  },
  "DELETE /api/facilitators/{id}": {
    operationId: "revokeFacilitator",
    access: "bearer",
    errors: {
      403: NOT_OPERATOR,
      404: "not_found",
      409: "operator_key: the operator's key is rotated, never revoked",
    },
  },
  "POST /api/invites": {
    operationId: "createInvite",
    access: "bearer",
    errors: { 403: NOT_OPERATOR },
  },
  "GET /api/invites": { operationId: "listInvites", access: "bearer", errors: { 403: NOT_OPERATOR } },
  "DELETE /api/invites/{id}": {
    operationId: "withdrawInvite",
    access: "bearer",
    errors: { 403: NOT_OPERATOR, 404: "not_found" },
  },

  "GET /api/scenarios": { operationId: "listScenarios", access: "optional", errors: {} },
  "GET /api/scenarios/{id}": {
    operationId: "getScenario",
    access: "optional",
    errors: { 404: "unknown_scenario (or one this caller may not read)" },
  },
  "GET /api/scenario-schema.json": {
    operationId: "getScenarioSchema",
    access: "public",
    errors: {},
    success: {
      200: z
        .record(z.string(), z.unknown())
        .describe("The scenario format as a JSON Schema (draft 2020-12) document, with a description per field"),
    },
  },
  "POST /api/scenarios": {
    operationId: "uploadScenario",
    access: "bearer",
    errors: {
      400: "invalid_scenario: details.problems lists every error and warning with its JSON path and severity; invalid_input (the query)",
      409: "reserved_scenario_id (a built-in's id), scenario_id_taken (another key's), scenario_exists (raise the version)",
      429: rateLimited,
    },
    body: scenarioBody,
  },
  "POST /api/scenarios/validate": {
    operationId: "validateScenario",
    access: "bearer",
    errors: {},
    body: scenarioBody,
  },
  "DELETE /api/scenarios/{id}": {
    operationId: "deleteScenario",
    access: "bearer",
    errors: {
      403: "forbidden: not the scenario's owner",
      404: "unknown_scenario",
      409: "scenario_in_use: games were created from it",
    },
  },
  "POST /api/scenarios/{id}/public": {
    operationId: "setScenarioPublic",
    access: "bearer",
    errors: { 403: NOT_OPERATOR, 404: "unknown_scenario" },
  },
  "GET /api/scenario-draft": { operationId: "getScenarioDraft", access: "bearer", errors: { 401: NO_KEY } },
  "PUT /api/scenario-draft": {
    operationId: "putScenarioDraft",
    access: "bearer",
    errors: {
      400: "invalid_input: no text, more than 200,000 characters, a NUL or a lone surrogate",
      401: NO_KEY,
    },
  },
  "GET /api/scenarios/{id}/document": {
    operationId: "getScenarioDocument",
    access: "bearer",
    errors: { 401: NO_KEY, 404: "unknown_scenario (or one this key may not create games from)" },
  },

  "POST /api/games": {
    operationId: "createGame",
    access: "bearer",
    errors: {
      400: "invalid_input, or the setup's refusal (unknown_phase, unknown_role, not_optional, invalid_setup)",
      401: NO_KEY,
      404: "unknown_scenario",
      429: rateLimited,
    },
  },
  "POST /api/classes": {
    operationId: "createClass",
    access: "bearer",
    errors: {
      400: "invalid_input (no tables nor roster, labels that do not match the tables, a roster longer than the tables seat, a timing plan the scenario does not have), or the setup's refusal (unknown_phase, unknown_role, not_optional, invalid_setup)",
      401: NO_KEY,
      404: "unknown_scenario",
      429: rateLimited,
    },
  },
  "GET /api/classes": {
    operationId: "listClasses",
    access: "bearer",
    errors: { 401: NO_KEY },
  },
  "GET /api/classes/{classId}": {
    operationId: "getClass",
    access: "bearer",
    errors: { 401: NO_KEY, 404: "not_found: no such class, or another key's" },
  },
  "GET /api/games": {
    operationId: "listGames",
    access: "bearer",
    errors: { 401: NO_KEY },
  },
  "GET /api/games/{gameId}": {
    operationId: "getGame",
    access: "bearer",
    errors: { 403: NOT_THIS_GAME, 404: "not_found" },
  },
  "DELETE /api/games/{gameId}": {
    operationId: "deleteGame",
    access: "bearer",
    errors: { 403: FACILITATOR_ONLY, 404: "not_found" },
    success: { 204: noContent("Deleted, with its events and its players' names") },
  },
  "POST /api/games/{gameId}/join": {
    operationId: "joinGame",
    access: "public",
    errors: { ...joinErrors, 401: "invalid_code: the code opens no seat of this game" },
  },
  "POST /api/join": {
    operationId: "joinByCode",
    access: "public",
    errors: { ...joinErrors, 401: "invalid_code: the code opens no seat of any game" },
  },
  "POST /api/games/{gameId}/facilitator-token": {
    operationId: "issueFacilitatorToken",
    access: "bearer",
    errors: { 403: "forbidden: only the owner's key", 404: "not_found" },
  },
  "POST /api/games/{gameId}/facilitator-token/reset": {
    operationId: "resetFacilitatorToken",
    access: "bearer",
    errors: { 403: FACILITATOR_ONLY, 404: "not_found" },
  },
  "POST /api/games/{gameId}/seats/{seatId}/reset": {
    operationId: "resetSeatCode",
    access: "bearer",
    errors: { 403: FACILITATOR_ONLY, 404: "not_found, unknown_seat" },
  },
  "GET /api/games/{gameId}/events": {
    operationId: "listEvents",
    access: "bearer",
    errors: { 403: NOT_THIS_GAME, 404: "not_found" },
  },
  "POST /api/games/{gameId}/moves": {
    operationId: "makeMove",
    access: "bearer",
    errors: {
      400: "invalid_move (details.issues: the fields at fault), unknown_move (details.known: the move types)",
      403: "forbidden (an observer, another game's token), not_facilitator, not_a_player, read_only",
      404: "not_found",
      409: byRules,
      413: "too_large: the body is over BODY_LIMIT_BYTES, or a text over the rules' cap",
      429: "rate_limited: the seat's move budget (shared with its sockets) is spent; `Retry-After` says when",
    },
    body: moveBody,
  },
  "GET /api/games/{gameId}/export": {
    operationId: "exportGame",
    access: "bearer",
    errors: {
      403: "forbidden: seats get the record only once a game that reveals at the end is over",
      404: "not_found",
    },
    success: { 200: recordBody },
  },
  "POST /api/games/import": {
    operationId: "importGame",
    access: "bearer",
    errors: {
      400: "the first check that fails, with details.seq the event it stopped at (invalid_record, invalid_scenario, sequence_broken, hash_mismatch, rule_violation)",
      401: NO_KEY,
      413: "too_large: over IMPORT_LIMIT_BYTES, or more than IMPORT_MAX_EVENTS events",
      429: rateLimited,
    },
    body: recordBody,
  },
  "POST /api/games/{gameId}/fork": {
    operationId: "forkGame",
    access: "bearer",
    errors: {
      400: "invalid_input, unknown_seq (past the last event)",
      403: FACILITATOR_ONLY,
      404: "not_found",
      409: "game_over (the game was over at atSeq), not_started (nothing to fork)",
      429: rateLimited,
    },
  },
  "POST /api/games/{gameId}/bots": {
    operationId: "addBot",
    access: "bearer",
    errors: {
      400: "invalid_input: a strategy that is not one of the bots' (details.issues)",
      403: FACILITATOR_ONLY,
      404: "not_found, unknown_seat (no such seat in the game)",
      409: "seat_taken (someone, or a bot, has joined the seat), game_over",
    },
  },
  "GET /api/practice": { operationId: "getPracticeOptions", access: "public", errors: {} },
  "POST /api/practice": {
    operationId: "startPractice",
    access: "public",
    errors: {
      400: "invalid_input: a side the scenario does not have, or a strategy that is not one of the bots'",
      429: "rate_limited: too many practice games from this address (PRACTICE_GAMES_PER_HOUR_PER_ADDRESS)",
    },
  },
};

/** What every route may answer, and what a route with a body or a credential may. */
const always: Record<ErrorStatus, string> = {
  400: "invalid_input: a parameter, the query or the body fails its schema (details.issues), holds a NUL or a lone surrogate, or nests too deep; or the URL is malformed",
  401: "unauthorized: no bearer token, or one that is not valid (revoked, reset, or of the wrong kind)",
  403: "forbidden",
  404: "not_found",
  409: "the request conflicts with what is stored",
  413: "too_large: the body is over the server's BODY_LIMIT_BYTES",
  415: "unsupported_media_type: a body that is not `application/json`",
  429: rateLimited,
  503: "shutting_down (the server is closing) or unavailable (the database is not answering); try again shortly",
};

const SECURITY: Record<Access, Record<string, string[]>[]> = {
  public: [],
  bearer: [{ bearer: [] }],
  optional: [{ bearer: [] }, {}],
};

/** `/api/games/:gameId` as OpenAPI writes it: `/api/games/{gameId}`. */
const openapiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
const successDescription: Record<number, string> = { 200: "OK", 201: "Created", 204: "No Content" };

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

/**
 * @fastify/swagger's per-route transform: the route's own schema with this file's operation laid
 * over it, then zod's conversion to JSON Schema. The route's schema object is never changed (it
 * validates), only the copy the document is made from.
 */
export function transformRoute(input: TransformInput): ReturnType<typeof jsonSchemaTransform> {
  const { schema, url, route } = input;
  const methods = [route.method].flat();
  const op = operations[`${methods[0]} ${openapiPath(url)}`];
  if (!schema || schema.hide || !op) return jsonSchemaTransform(input);
  const own = (schema.response ?? {}) as Record<string, z.ZodType>;
  const response: Record<string, unknown> = {};
  const ok: Record<string, z.ZodType> = {
    ...Object.fromEntries(Object.entries(own).filter(([s]) => Number(s) < 400)),
    ...op.success,
  };
  for (const [status, body] of Object.entries(ok)) {
    const description = z.globalRegistry.get(body)?.description ?? successDescription[Number(status)] ?? "OK";
    // A 204 answers no body: its schema stays `null` so that the document gives it no content.
    response[status] = status === "204" ? body : { description, content: { "application/json": { schema: body } } };
  }
  if (op.operationId === "exportGame") {
    const ok200 = response["200"] as { content: Record<string, unknown> };
    ok200.content["text/csv"] = { schema: z.string().describe("One row per event, a header first") };
  }
  for (const status of errorStatuses(op, methods)) {
    const text = op.errors[status] ?? always[status];
    // /health's 503 is its own body (with an `error` beside it), or the one shape while closing.
    const body = own[status] ? z.union([own[status], errorBody]) : errorBody;
    response[status] = { description: text, content: { "application/json": { schema: body } } };
  }
  return jsonSchemaTransform({
    ...input,
    schema: {
      ...schema,
      operationId: op.operationId,
      security: SECURITY[op.access],
      ...(op.body ? { body: op.body } : {}),
      response,
    },
  });
}

/**
 * The statuses a route can refuse with: its own; 400 and 503 on every route (the input guard and
 * a malformed URL; closing and the database); 401 where a credential is required; 413 and 415
 * wherever Fastify reads a body (every POST and DELETE, with a body schema or not).
 */
function errorStatuses(op: Operation, methods: string[]): ErrorStatus[] {
  const statuses = new Set<ErrorStatus>([400, 503, ...(Object.keys(op.errors).map(Number) as ErrorStatus[])]);
  if (op.access === "bearer") statuses.add(401);
  if (methods.some((m) => m === "POST" || m === "DELETE")) {
    statuses.add(413);
    statuses.add(415);
  }
  return [...statuses].sort((a, b) => a - b);
}

/**
 * The whole document once the routes are in: zod's components (the schemas with an `id`), then
 * only those some operation refers to (zod emits each id twice, as input and output).
 */
export function transformDocument(
  input: Parameters<typeof jsonSchemaTransformObject>[0],
): ReturnType<typeof jsonSchemaTransformObject> {
  const doc = jsonSchemaTransformObject(input) as { components?: { schemas?: Record<string, unknown> } };
  const all = doc.components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith("#/components/schemas/")) {
        const name = value.slice("#/components/schemas/".length);
        if (!used.has(name)) {
          used.add(name);
          visit(all[name]);
        }
      } else visit(value);
    }
  };
  visit({ ...doc, components: { ...doc.components, schemas: {} } });
  const schemas = Object.fromEntries(Object.entries(all).filter(([name]) => used.has(name)));
  return { ...doc, components: { ...doc.components, schemas } } as ReturnType<typeof jsonSchemaTransformObject>;
}

export const swaggerOptions: SwaggerOptions = {
  openapi: {
    openapi: "3.1.0",
    info: {
      title: "Summitry",
      description:
        "The HTTP half of Summitry's public interface (PROTOCOL.md). Credentials travel as `Authorization: Bearer …`: a facilitator key, or a game token from a join. Every refusal is `{ error: { code, message, details? } }`.",
      version: "1",
    },
    servers: [{ url: "/", description: "this server" }],
    tags: [
      { name: "games", description: "Create, join, read and play games" },
      { name: "record", description: "Export, import and fork: the record made portable" },
      { name: "scenarios", description: "The scenario documents games are made from" },
      { name: "facilitators", description: "Facilitator keys and the invites that mint them" },
      { name: "operations", description: "Health and figures for whoever runs the server" },
    ],
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "A facilitator key (`fk_…`, or the operator's) or a game token (`gt_…`)",
        },
      },
    },
  },
  transform: transformRoute,
  transformObject: transformDocument,
};

/** Swagger UI keeps the token it was given across reloads, so a facilitator pastes a key once. */
export const swaggerUiOptions: FastifySwaggerUiOptions = {
  routePrefix: "/docs",
  uiConfig: { persistAuthorization: true },
};
