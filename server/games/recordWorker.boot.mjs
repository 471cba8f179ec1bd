// The record worker's entry (offThread.ts): Node 20 does not apply a worker's
// `execArgv: ["--import", "tsx"]` to its entry file, so this plain module loads tsx and then the
// TypeScript worker, under `npm start`, vitest and the bench alike.
import { register } from "tsx/esm/api";

register();
await import("./recordWorker.ts");
