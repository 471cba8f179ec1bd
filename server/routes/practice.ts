import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { BotStrategy } from "../../shared/bots/strategy";
import {
  botName,
  botStrategyNames,
  errorResponses,
  type PracticeOptions,
  practiceBody,
  practiceCreated,
  practiceOptions,
} from "../../shared/contract/index";
import { type Scenario, setupScenario } from "../../shared/index";
import { defaultScenario } from "../../shared/scenarios/index";
import { newId } from "../auth/secrets";
import type { AppContext } from "../context";
import type { BotRunner } from "../games/botRunner";
import { takeSeat } from "../games/seating";
import { badRequest, fromRule } from "../http/errors";
import { Buckets } from "../limits/buckets";
import { refuse } from "../limits/http";
import { mintGame } from "./games";

/**
 * Solo practice: a student with no facilitator plays one side's leader against bots. The game is
 * the default scenario without its optional roles, every phase a third of its minutes (at least
 * one); the other side's every seat is a bot of the strategy chosen. The student's own side's other
 * seats stay empty, so that every move of the student's side is the student's own: a bot minister
 * could accept a package the student would refuse, and the debrief would score the student on it.
 * The rules allow empty seats (`decide` judges a seat, not who holds it); the leader holds every
 * issue and acts from the summit on, so the student can do all their side may. The server is the
 * facilitator: it starts the clock, and the phases advance as their deadlines pass (the service's
 * deadline timers, re-armed on restart); nobody holds the game's facilitator token.
 */

const HOUR = 3_600_000;
const DEFAULT_STRATEGY: BotStrategy = "linear";

/** The practice set-up of a scenario: optional roles left out, short phases. */
function practiceScenario(base: Scenario, phaseSeconds: number | undefined): Scenario {
  const setup = setupScenario(base, {
    leaveOut: base.roles.filter((r) => r.optional).map((r) => r.id),
    phaseMinutes: Object.fromEntries(base.phases.map((p) => [p.id, Math.max(1, Math.round(p.minutes / 3))])),
  });
  if (!setup.ok) throw new Error(`the practice set-up does not fit ${base.id}: ${setup.error.message}`);
  if (phaseSeconds === undefined) return setup.scenario;
  return { ...setup.scenario, phases: setup.scenario.phases.map((p) => ({ ...p, minutes: phaseSeconds / 60 })) };
}

export async function practiceRoutes(app: FastifyInstance, ctx: AppContext, runner: BotRunner) {
  const { store, service, config } = ctx;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const scenario = practiceScenario(defaultScenario, config.PRACTICE_PHASE_SECONDS);
  const perAddress = Buckets.per(config.PRACTICE_GAMES_PER_HOUR_PER_ADDRESS, HOUR);

  const options: PracticeOptions = {
    scenarioId: scenario.id,
    title: scenario.title,
    sides: scenario.sides.map((s) => ({ id: s.id, name: s.name })),
    strategies: Object.entries(botStrategyNames).map(([id, name]) => ({ id: id as BotStrategy, name })),
    defaultStrategy: DEFAULT_STRATEGY,
    phaseMinutes: scenario.phases.map((p) => ({ id: p.id, title: p.title, minutes: p.minutes })),
  };

  r.get(
    "/api/practice",
    {
      schema: {
        tags: ["practice"],
        summary: "What solo practice offers: the scenario, its sides, the bots' strategies, the phases' minutes",
        response: { 200: practiceOptions, ...errorResponses },
      },
    },
    async () => options,
  );

  r.post(
    "/api/practice",
    {
      schema: {
        tags: ["practice"],
        summary: "Practise alone: a game where the caller leads one side and bots play the other (no key needed)",
        body: practiceBody,
        response: { 201: practiceCreated, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { side, strategy = DEFAULT_STRATEGY, name = "Practice player" } = request.body;
      const mine = scenario.sides.find((s) => s.id === side);
      if (!mine) {
        const message = `no side "${side}"; the sides are ${scenario.sides.map((s) => s.id).join(", ")}`;
        throw badRequest("invalid_input", `invalid body: /side ${message}`, {
          path: "/side",
          issues: [{ path: "/side", message }],
        });
      }
      const wait = perAddress.take(request.ip);
      if (wait > 0) return refuse(reply, wait, "too many practice games from this address");

      const other = scenario.sides.find((s) => s.id !== side)!;
      const { row, created } = mintGame({
        scenario,
        seed: newId("seed-"),
        title: `Practice: ${mine.name} against ${botName(strategy)}`,
        facilitatorId: null,
      });
      await store.insertGame(row);
      const gameId = created.gameId;
      const joined = await takeSeat(service, gameId, mine.leader, name);
      if (!joined.result.ok) throw fromRule(joined.result.error);
      for (const role of scenario.roles.filter((x) => x.side === other.id)) {
        const bot = { gameId, seatId: role.id, strategy };
        await runner.claim(bot);
        const seated = await takeSeat(service, gameId, role.id, botName(strategy));
        if (!seated.result.ok) throw fromRule(seated.result.error);
        runner.seat(bot);
      }
      // The server is the control cell: it starts the clock; deadlines move the phases on.
      const started = await service.submit(gameId, { facilitator: true }, { type: "resume" });
      if (!started.ok) throw fromRule(started.error);
      request.log.info({ gameId, side, strategy }, "practice game started");
      return reply.status(201).send({ gameId, seat: mine.leader, token: joined.token });
    },
  );
}
