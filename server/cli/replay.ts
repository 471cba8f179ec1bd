import { readFileSync } from "node:fs";
import {
  apply,
  createGame,
  describeEvent,
  type EventAbout,
  type EventWords,
  type GameState,
  type RecordedEvent,
  type Scenario,
  scoreOf,
  settingOf,
} from "../../shared/index";
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
  console.error(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}

const verified = verifyRecord(doc);
if (!verified.ok) {
  console.error(
    `✗ ${path} does not verify${verified.seq === null ? "" : ` at event ${verified.seq}`}: ${verified.message}`,
  );
  process.exit(1);
}

const { scenario, seed, events, rulesVersion } = verified;
console.log(
  `✓ ${path}: "${scenario.title}" (scenario ${scenario.id} v${scenario.version}), seed "${seed}", ${events.length} events; chain and rules verified\n`,
);

function who(s: Scenario, e: RecordedEvent): string {
  const { actor } = e;
  if ("seat" in actor) return s.roles.find((r) => r.id === actor.seat)?.title.slice(0, 22) ?? actor.seat;
  return "facilitator" in actor ? "Control" : "(server)";
}

const terms = (t: Record<string, string>) =>
  Object.entries(t)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
const phaseWords = (f: { phase: string; ended: boolean }, a: EventAbout) =>
  f.ended ? `${a.type}: the game ends` : `${a.type} → ${f.phase}`;

/** The timeline's words for the shared describer (shared/describe.ts): terse, with ids. */
const timeline: EventWords<string> = {
  propose: (f) => `proposes ${f.proposalId}: ${terms(f.terms)}`,
  accept: (f) => `accepts ${f.proposalId} → draft v${f.draftVersion}`,
  reject: (f, a) => `${a.type}s ${f.proposalId}`,
  withdraw: (f, a) => `${a.type}s ${f.proposalId}`,
  chat: (f) => `[${f.channel}] ${f.text.slice(0, 60)}`,
  statement: (f) => `[press] ${f.text.slice(0, 60)}`,
  sign: (f) => `signs draft v${f.draftVersion}${f.allSigned ? ": both have signed" : ""}`,
  unsign: (_f, a) => a.type,
  walkAway: () => "walkAway: the game ends",
  advancePhase: phaseWords,
  pause: (_f, a) => a.type,
  resume: (_f, a) => a.type,
  extend: (_f, a) => a.type,
  inject: (f) => `inject: ${f.title}`,
  drawInject: (f) => `inject: ${f.title}`,
  note: (_f, a) => a.type,
  endGame: () => "endGame: the game ends",
  lastCall: (f) => `lastCall: ${f.minutes} min to sign, then the end`,
  ruling: (f) =>
    `ruling: ${f.kind} ${f.issue}${f.option ? `=${f.option}` : ""} → draft v${f.draftVersion} (${f.reason.slice(0, 60)})`,
  undo: (f) => `undo #${f.undoes}${f.title ? `: ${f.title}` : ""}`,
  deadline: phaseWords,
  seatJoined: (f) => `${f.name} joins as ${f.seat}`,
};

const start = events[0]?.at ?? 0;
const clock = (at: number) => {
  const s = Math.max(0, Math.round((at - start) / 1000));
  return `${String(Math.floor(s / 60)).padStart(3)}:${String(s % 60).padStart(2, "0")}`;
};

// Folded under the record's own rules version, as it was verified.
let state: GameState = createGame(scenario, { seed, rulesVersion });
for (const e of events) {
  const phase = scenario.phases[state.phaseIndex]!.id;
  const next = apply(state, e);
  console.log(
    `${String(e.seq).padStart(5)} ${clock(e.at)}  ${phase.padEnd(12)} ${who(scenario, e).padEnd(22)} ${describeEvent(e, settingOf(state, next), timeline)}`,
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
