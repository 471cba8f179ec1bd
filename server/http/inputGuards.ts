import type { FastifyInstance } from "fastify";
import { firstBadString, MAX_JSON_DEPTH, tooDeep } from "../../shared/jsonDepth";
import { formatPath } from "../../shared/scenario/crossCheck";
import { textProblem } from "../../shared/text";
import { HttpError } from "./errors";

/**
 * Before any route's schema or handler sees a request: its path parameters, query and JSON body
 * nest at most MAX_JSON_DEPTH deep, and hold no NUL and no lone surrogate anywhere (keys too).
 * The schemas apply the same text rule (shared/text.ts) field by field; this guard also covers the
 * routes whose bodies are read later (a move, an import, a scenario), so nothing PostgreSQL would
 * refuse, and nothing a recursive walk would overflow on, reaches the database or the rules.
 */
export function installInputGuards(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const parts = [
      ["params", request.params],
      ["query", request.query],
      ["body", request.body],
    ] as const;
    for (const [where, value] of parts) {
      const deepAt = tooDeep(value, MAX_JSON_DEPTH);
      if (deepAt) {
        throw new HttpError(400, "invalid_input", `the ${where} nests deeper than ${MAX_JSON_DEPTH} levels`, {
          path: formatPath(deepAt.slice(0, 8)),
        });
      }
      const bad = firstBadString(value, textProblem);
      if (bad) {
        const path = formatPath(bad.path);
        throw new HttpError(400, "invalid_input", `invalid ${where}: ${path}: ${bad.problem}`, { path });
      }
    }
  });
}
