import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { addresses, errorResponses } from "../../shared/contract/index";
import { requireCaller } from "../auth/caller";
import type { AppContext } from "../context";
import { candidateOrigins, publicOrigin } from "../http/addresses";
import { forbidden } from "../http/errors";

export async function addressRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/addresses",
    {
      schema: {
        tags: ["facilitators"],
        summary: "Where students reach this server: PUBLIC_URL if set, else this machine's LAN addresses",
        security: [{ bearer: [] }],
        response: { 200: addresses, ...errorResponses },
      },
    },
    async (request) => {
      // A map of the network is for whoever hands out links: a key, or a game's facilitator token.
      const caller = await requireCaller(ctx.store, request);
      if (caller.kind === "token" && caller.seat !== "facilitator") throw forbidden("only a facilitator may do this");
      // The port this request came in on: PORT=0 (tests) or a port mapped by a container says nothing.
      const port = request.raw.socket.localPort ?? ctx.config.PORT;
      return { publicUrl: publicOrigin(ctx.config.PUBLIC_URL), candidates: candidateOrigins(ctx.config.HOST, port) };
    },
  );
}
