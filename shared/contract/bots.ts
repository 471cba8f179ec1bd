import { z } from "zod";
import { type BotStrategy, botStrategySchema } from "../bots/strategy";
import { idSchema } from "../scenario/schema";
import { textSchema } from "../text";

/** Bots in seats of a live game (the facilitator's choice), and solo practice against a bot team. */

export { botStrategySchema };

/** Each strategy's name on the screen and in the bot's seat name ("Bot (Boulware)"). */
export const botStrategyNames: Record<BotStrategy, string> = {
  boulware: "Boulware",
  linear: "Linear",
  conceder: "Conceder",
  titForTat: "Tit for tat",
  hardliner: "Hardliner",
};

/** The name a bot joins its seat under: the record, every view and the export say who played. */
export const botName = (strategy: BotStrategy): string => `Bot (${botStrategyNames[strategy]})`;

/** `POST /api/games/:gameId/bots`: a bot in an empty seat, playing by `strategy`. */
export const addBotBody = z.strictObject({ seat: idSchema, strategy: botStrategySchema });
export type AddBotBody = z.infer<typeof addBotBody>;
export const botAdded = z.object({ seat: idSchema, strategy: botStrategySchema, name: z.string(), seq: z.int() });
export type BotAdded = z.infer<typeof botAdded>;

/** `GET /api/practice`: what a student may choose before practising alone. */
export const practiceOptions = z.object({
  scenarioId: z.string(),
  title: z.string(),
  sides: z.array(z.object({ id: idSchema, name: z.string() })),
  strategies: z.array(z.object({ id: botStrategySchema, name: z.string() })),
  defaultStrategy: botStrategySchema,
  /** Every phase's minutes in a practice game, in order. */
  phaseMinutes: z.array(z.object({ id: idSchema, title: z.string(), minutes: z.number() })),
});
export type PracticeOptions = z.infer<typeof practiceOptions>;

/** `POST /api/practice`: a game of the default scenario, the student on one side's leader seat. */
export const practiceBody = z.strictObject({
  side: idSchema,
  /** The other side's bots' strategy (linear when left out). */
  strategy: botStrategySchema.optional(),
  name: textSchema({ max: 80, trim: true, min: 1 }).optional(),
});
export type PracticeBody = z.input<typeof practiceBody>;
export const practiceCreated = z.object({ gameId: z.string(), seat: idSchema, token: z.string() });
export type PracticeCreated = z.infer<typeof practiceCreated>;
