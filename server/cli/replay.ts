import { readFileSync } from "node:fs";
import { apply, createGame, type GameState, type RecordedEvent, type Scenario, scoreOf } from "../../shared/index";
import { verifyRecord } from "../games/record";

/**
 * `npm run replay -- <export.json>`: verifies an exported game (hash chain and rules, event by
 * event), then prints its timeline and final scores. Exits 1, naming the first event that fails,
 * for a file that does not verify.
 */

const path = process.argv[2];
if (!path) {
  console.error("usage: npm run replay -- <export.json>");
  process.exit(2);
}

let doc: unknown;
try {
  doc = JSON.parse(readFileSync(path, "utf8"));
} catch (err) {
  console.error(`cannot read ${path}: ${(err as Error).message}`);
  process.exit(2);
}

const verified = verifyRecord(doc);
if (!verified.ok) {
  console.error(
    `✗ ${path} does not verify${verified.seq === null ? "" : ` at event ${verified.seq}`}: ${verified.message}`,
  );
  process.exit(1);
}

const { scenario, seed, events } = verified;
console.log(
  `✓ ${path}: "${scenario.title}" (scenario ${scenario.id} v${scenario.version}), seed "${seed}", ${events.length} events; chain and rules verified\n`,
);

const start = events[0]?.at ?? 0;
const clock = (at: number) => {
  const s = Math.max(0, Math.round((at - start) / 1000));
  return `${String(Math.floor(s / 60)).padStart(3)}:${String(s % 60).padStart(2, "0")}`;
};

let state: GameState = createGame(scenario, { seed });
for (const e of events) {
  const phase = scenario.phases[state.phaseIndex]!.id;
  const next = apply(state, e);
  console.log(
    `${String(e.seq).padStart(5)} ${clock(e.at)}  ${phase.padEnd(12)} ${who(scenario, e).padEnd(22)} ${describe(scenario, state, next, e)}`,
  );
  state = next;
}

const scores = scoreOf(state);
console.log("");
if (state.outcome) {
  console.log(state.outcome.agreement ? "Agreement signed." : `No agreement (${state.outcome.reason}).`);
} else {
  console.log(
    `Not over: in phase ${scenario.phases[state.phaseIndex]!.id}. Scores as if it ended now with no agreement:`,
  );
}
for (const side of scenario.sides) {
  console.log(
    `  ${side.name.padEnd(20)} ${String(scores.sides[side.id]).padStart(5)}  (reservation ${scores.reservations[side.id]})`,
  );
  for (const role of scenario.roles.filter((r) => r.side === side.id)) {
    console.log(`    ${role.title.padEnd(38)} ${String(scores.roles[role.id]).padStart(5)}`);
  }
}

function who(s: Scenario, e: RecordedEvent): string {
  if ("seat" in e.actor)
    return s.roles.find((r) => r.id === (e.actor as { seat: string }).seat)?.title.slice(0, 22) ?? e.actor.seat;
  return "facilitator" in e.actor ? "Control" : "(server)";
}

function describe(s: Scenario, before: GameState, after: GameState, e: RecordedEvent): string {
  const p = e.payload as Record<string, unknown>;
  const terms = (t: Record<string, string>) =>
    Object.entries(t)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ");
  switch (e.type) {
    case "propose":
      return `proposes ${p.proposalId}: ${terms(p.terms as Record<string, string>)}`;
    case "accept":
      return `accepts ${p.proposalId} → draft v${after.draft.version}`;
    case "reject":
    case "withdraw":
      return `${e.type}s ${p.proposalId}`;
    case "chat":
      return `[${p.channel}] ${String(p.text).slice(0, 60)}`;
    case "statement":
      return `[press] ${String(p.text).slice(0, 60)}`;
    case "advancePhase":
    case "deadline":
      return after.outcome ? `${e.type}: the game ends` : `${e.type} → ${s.phases[after.phaseIndex]!.id}`;
    case "inject":
    case "drawInject":
      return `inject: ${typeof p.injectId === "string" ? (s.injects.find((i) => i.id === p.injectId)?.title ?? p.injectId) : p.title}`;
    case "seatJoined":
      return `${p.name} joins as ${p.seat}`;
    case "sign":
      return `signs draft v${p.draftVersion}${after.outcome ? ": both have signed" : ""}`;
    default:
      return e.type + (before.outcome === null && after.outcome ? ": the game ends" : "");
  }
}
