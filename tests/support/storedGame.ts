import { hashSecret } from "../../server/auth/secrets";
import { createStoredGame } from "../../server/routes/games";
import type { Scenario } from "../../shared/index";
import { type Running, TEST_OPERATOR_KEY } from "./server";

/**
 * A game stored as POST /api/games stores one, with the operator as its facilitator. Tests whose
 * phases last seconds need it: an upload (rightly) refuses phases under a minute, as the New-game
 * form does, so such a scenario never goes through the HTTP route.
 */
export async function storedGame(s: Running, scenario: Scenario, seed = "stored-test") {
  const operator = await s.ctx.store.keys.byKeyHash(hashSecret(TEST_OPERATOR_KEY));
  if (!operator) throw new Error("the test server has no operator key");
  return createStoredGame(s.ctx, { scenario, seed, title: scenario.title, facilitatorId: operator.id });
}
