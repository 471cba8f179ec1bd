import { readFileSync } from "node:fs";
import { basename } from "node:path";

/**
 * A `.cpuprofile` (node --cpu-prof) in a few lines: the functions with the most self time, and the
 * inclusive time of named functions (a sample counts once for every function on its stack), as
 * shares of the busy time (every sample but `(idle)`). A window (µs on the profile's clock, which
 * is CLOCK_MONOTONIC, as process.hrtime is) keeps only the samples of a measured run.
 *
 *   npx tsx bench/cpuProfile.ts <file.cpuprofile> [top]
 */

type CallFrame = { functionName: string; url: string; lineNumber: number };
type Node = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

export type Summary = {
  wallSeconds: number;
  busySeconds: number;
  self: { name: string; share: number }[];
  inclusive: { name: string; share: number }[];
  places: { name: string; share: number }[];
};

/**
 * The functions whose inclusive share the issue's profile named (a name matches its end): the
 * fan-out (`broadcast`, with the views and `deliver`, the emit to one socket), Socket.IO's packet
 * encoding and the socket writes, and the move's own path (`submit` → `commit`, which also runs
 * the fan-out: the service tells the gateway synchronously, so "commit without broadcast" is the
 * move path alone).
 */
export const WATCHED = [
  "broadcast",
  "seatView",
  "viewFor",
  "eventFor",
  "scoresFor",
  "deliver",
  "encodeAsString",
  "hasBinary",
  "writev",
  "submit",
  "commit",
  "decide",
  "apply",
  "eventHash",
  "appendEvent",
  "(garbage collector)",
];
const MOVE_PATH = "commit without broadcast";

/** Where a function's code lives: a package, this project's layer, or Node itself. */
function placeOf(f: CallFrame): string {
  if (!f.url) return f.functionName.startsWith("(") ? f.functionName : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f.url);
  if (pkg) return pkg[1]!;
  if (f.url.startsWith("node:")) return "node internals";
  const layer = /\/(shared|server)\//.exec(f.url);
  return layer ? `summitry ${layer[1]}/` : basename(f.url);
}

// No line numbers: code run through tsx reports the line of its transformed output, not the source's.
const nameOf = (f: CallFrame) => `${f.functionName || "(anonymous)"}${f.url ? ` ${basename(f.url)}` : ""}`;

export function summarise(
  path: string,
  options: { top?: number; window?: { from: number; to: number } } = {},
): Summary {
  const profile = JSON.parse(readFileSync(path, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const places = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, x: number) => m.set(k, (m.get(k) ?? 0) + x);
  let busy = 0;
  let wall = 0;
  let t = profile.startTime;
  const { from, to } = options.window ?? { from: -Infinity, to: Infinity };
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (t < from || t > to) return;
    wall += delta;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === "(idle)") return;
    busy += delta;
    const key = nameOf(node.callFrame);
    add(self, key, delta);
    add(places, placeOf(node.callFrame), delta);
    // Every watched function on the stack once, however deep it recurses.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const fn = byId.get(at)!.callFrame.functionName;
      const watched = WATCHED.find((w) => fn === w || fn.endsWith(`.${w}`));
      if (watched && !seen.has(watched)) {
        seen.add(watched);
        add(inclusive, watched, delta);
      }
    }
    if (seen.has("commit") && !seen.has("broadcast")) add(inclusive, MOVE_PATH, delta);
  });
  const share = (x: number) => (busy === 0 ? 0 : x / busy);
  const ranked = (m: Map<string, number>, top: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, x]) => ({ name, share: share(x) }));
  return {
    wallSeconds: wall / 1e6,
    busySeconds: busy / 1e6,
    self: ranked(self, options.top ?? 25),
    inclusive: [...WATCHED, MOVE_PATH]
      .filter((w) => inclusive.has(w))
      .map((name) => ({ name, share: share(inclusive.get(name)!) })),
    places: ranked(places, 12),
  };
}

export function printSummary(s: Summary): void {
  const pc = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
  console.log(
    `  profile: ${s.busySeconds.toFixed(1)} s busy of ${s.wallSeconds.toFixed(1)} s; shares of busy time, self:`,
  );
  for (const f of s.self) console.log(`    ${pc(f.share)}  ${f.name}`);
  console.log("  inclusive (every sample with the function on its stack):");
  for (const f of s.inclusive) console.log(`    ${pc(f.share)}  ${f.name}`);
  console.log("  self time by where the code lives:");
  for (const f of s.places) console.log(`    ${pc(f.share)}  ${f.name}`);
}

if (process.argv[1]?.endsWith("cpuProfile.ts")) {
  const [path, top] = process.argv.slice(2);
  if (!path) {
    console.error("usage: tsx bench/cpuProfile.ts <file.cpuprofile> [top]");
    process.exit(2);
  }
  printSummary(summarise(path, { top: top ? Number(top) : 25 }));
}
