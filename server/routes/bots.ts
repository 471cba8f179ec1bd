import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { addBotBody, botAdded, botName, errorResponses, gameIdParams } from "../../shared/contract/index";
import type { Scenario } from "../../shared/index";
import { seatIn } from "../auth/caller";
import type { AppContext } from "../context";
import { joinedSeats } from "../db/gameStore";
import type { BotRunner } from "../games/botRunner";
import { takeSeat } from "../games/seating";
import { conflict, forbidden, fromRule, HttpError, notFound } from "../http/errors";

/**
 * `POST /api/games/:gameId/bots`: the facilitator puts a bot in an empty seat of a live game. The
 * bot joins like a person (its `seatJoined` in the record, under "Bot (<strategy>)"), is stored so a
 * restart brings it back, and from then on the runner plays the seat from its view alone.
 */
export async function botRoutes(app: FastifyInstance, ctx: AppContext, runner: BotRunner) {
  const { store, service } = ctx;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/api/games/:gameId/bots",
    {
      schema: {
        tags: ["games"],
        summary: "Put a bot in an empty seat of a live game (the facilitator's), playing by the strategy chosen",
        params: gameIdParams,
        body: addBotBody,
        response: { 201: botAdded, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await store.game(request.params.gameId);
      if (!row) throw notFound();
      if ((await seatIn(store, request, row.id, row.facilitatorId)) !== "facilitator") {
        throw forbidden("only the facilitator may put a bot in a seat");
      }
      const { seat, strategy } = request.body;
      if (!(row.scenario as Scenario).roles.some((x) => x.id === seat)) {
        throw new HttpError(404, "unknown_seat", `no seat "${seat}" in this game`);
      }
      const game = await service.get(row.id);
      if (!game) throw notFound();
      if (game.status !== "live" || game.state.outcome) {
        throw conflict("game_over", "the game is over: a bot has nothing left to play", { seq: game.state.seq });
      }
      // Someone who joined (a name in the record, or a token for the seat) holds it, even if away now.
      const held =
        (game.state.seats[seat]?.length ?? 0) > 0 || (await joinedSeats(store, [row.id])).get(row.id)?.has(seat);
      if (held)
        throw conflict("seat_taken", `seat "${seat}" has been joined; a bot takes only an empty seat`, { seat });
      const bot = { gameId: row.id, seatId: seat, strategy };
      if (!(await runner.claim(bot))) {
        throw conflict("seat_taken", `a bot plays seat "${seat}" already`, { seat });
      }
      const name = botName(strategy);
      const { result } = await takeSeat(service, row.id, seat, name);
      if (!result.ok) {
        await runner.unclaim(bot);
        throw fromRule(result.error);
      }
      // A person whose join landed between the check and the bot's: the seat is theirs.
      if ((game.state.seats[seat] ?? []).some((n) => n !== name)) {
        await runner.unclaim(bot);
        throw conflict("seat_taken", `seat "${seat}" was joined just now; a bot takes only an empty seat`, { seat });
      }
      runner.seat(bot);
      // The facilitator's seats panel and the class console count the bot as there at once.
      ctx.gateway.publishPresence(row.id).catch(() => {});
      request.log.info({ gameId: row.id, seat, strategy }, "bot seated");
      return reply.status(201).send({ seat, strategy, name, seq: result.seq });
    },
  );
}
