import { type BotStrategy, botStrategies, pairings, playtest } from "../shared/bots/index";
import { defaultScenario } from "../shared/scenarios/index";

/**
 * Bot playtests (issue #12): how many bot games a second the playtest plays on the default
 * scenario (the target: 500 games in under 10 s), and the outcome it reports. With `--pairings`,
 * also every pairing of strategies (100 games each), the table in docs/bots.md. Prints figures;
 * asserts nothing. `npm run bench:bots` runs it bundled by esbuild, as the lab's worker runs the playtest bundled by
 * Vite: under tsx, the names esbuild keeps for stack traces cost Boulware games about a third more.
 */

const GAMES = 500;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function timed(strategy: BotStrategy) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const report = playtest(defaultScenario, { games: GAMES, seed: "bench", strategies: { default: strategy } });
  const s = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  // On a shared machine the wall clock counts the other processes too; the CPU time is this one's.
  const cpuS = (used.user + used.system) / 1e6;
  const [a, b] = defaultScenario.sides.map((x) => x.id) as [string, string];
  console.log(
    `bot playtest, default scenario, ${strategy} (every seat): ${GAMES} games in ${s.toFixed(2)} s ` +
      `(${(GAMES / s).toFixed(0)} games/s; ${cpuS.toFixed(2)} s of CPU, ${(GAMES / cpuS).toFixed(0)} games per CPU-second; ` +
      `${report.meanTurns.toFixed(0)} bot turns and ${report.meanEvents.toFixed(0)} events a game); ` +
      `agreement ${pct(report.agreementRate)}, mean ${a} ${report.scores[a]?.mean.toFixed(1)} / ${b} ${report.scores[b]?.mean.toFixed(1)}, ` +
      `refusals ${report.refusals.count}`,
  );
}

// The first run pays for the JIT; the figures that count are the second's.
playtest(defaultScenario, { games: 50, seed: "warm-up" });
timed("linear");
timed("boulware");

if (process.argv.includes("--pairings")) {
  const [a, b] = defaultScenario.sides.map((x) => x.id) as [string, string];
  const rows = pairings(defaultScenario, { games: 100, seed: "pairings" });
  console.log(`\n${a} \\ ${b}: agreement rate (mean ${a} / ${b} score), 100 games each`);
  console.log(`| ${a} \\ ${b} | ${botStrategies.join(" | ")} |`);
  console.log(`|---|${botStrategies.map(() => "---").join("|")}|`);
  for (const sa of botStrategies) {
    const cells = botStrategies.map((sb) => {
      const r = rows.find((x) => x.a === sa && x.b === sb)!.report;
      return `${pct(r.agreementRate)} (${r.scores[a]?.mean.toFixed(0)} / ${r.scores[b]?.mean.toFixed(0)})`;
    });
    console.log(`| ${sa} | ${cells.join(" | ")} |`);
  }
}
