import { setFlagsFromString } from "node:v8";

/**
 * How far V8 lets the JS heap's old generation grow past what its last full collection found
 * live, before the next one (issue #13, RSS). V8's own factor goes up to 4 when the program
 * allocates fast, so a server fanning out to 1,100 sockets reserved three or four times its live
 * heap: 260–340 MB of RSS where 70–110 MB was live. At 100 (a factor of 2) it held 210–233 MB from
 * 300 to 700 moves/s, the CPU a move the same within the runs' spread (docs/performance.md, "The
 * machine's floor"). 0 leaves V8's own factor.
 *
 * Set at run time rather than on node's command line, so that `npm start`, the Docker image and
 * any other way of running dist/server/main.js all take it; V8 reads the flag each time it sizes
 * the heap after a collection, so it holds from the next one on.
 */
export function setHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
