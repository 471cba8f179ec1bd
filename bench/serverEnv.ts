/**
 * What the benches give the server process they start (bench/server.ts, bench/workload.ts), and
 * what they read of a process from /proc.
 */
import { readFileSync } from "node:fs";

/** The bots move, create and join faster than a class would; no limit is under test. */
export const UNLIMITED = {
  MOVES_PER_SECOND: "10000",
  MOVE_BURST: "10000",
  JOINS_PER_MINUTE_PER_ADDRESS: "1000000",
  JOINS_PER_MINUTE_PER_CODE: "1000000",
  GAMES_PER_MINUTE_PER_KEY: "1000000",
  WRITES_PER_MINUTE_PER_ADDRESS: "1000000",
};

/** The server's environment: this process's, on `port`, quiet, with the operator's key and `limits`. */
export function serverEnv(o: {
  port: number;
  dataDir: string;
  operatorKey: string;
  limits: Record<string, string>;
}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(o.port),
    HOST: "127.0.0.1",
    DATA_DIR: o.dataDir,
    LOG_LEVEL: "warn",
    OPERATOR_KEY: o.operatorKey,
    PG_POOL_SIZE: "20",
    ...o.limits,
  };
}

const TICK = 100; // clock ticks a second on Linux

/** The utime + stime fields of a /proc/<pid>/stat line, in seconds. */
export function statCpuSeconds(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICK;
}

/** utime + stime of one process, in seconds. */
export function cpuSeconds(pid: number): number {
  return statCpuSeconds(readFileSync(`/proc/${pid}/stat`, "utf8"));
}

export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : 0;
}
