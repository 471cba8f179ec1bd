import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The embedded database serves one process at a time. The server marks its data folder with its
 * process id while it runs, so that `npm run keys` can refuse to open it underneath.
 */
const lockFile = (dataDir: string) => join(dataDir, "summitry-server.pid");

export function holdDataDir(dataDir: string): () => void {
  const path = lockFile(dataDir);
  writeFileSync(path, String(process.pid));
  return () => rmSync(path, { force: true });
}

export function serverHoldsDataDir(dataDir: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lockFile(dataDir), "utf8"));
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0); // signal 0: is it alive?
    return true;
  } catch (err) {
    // EPERM: alive, but another user's; ESRCH: a stale mark from a crash.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
