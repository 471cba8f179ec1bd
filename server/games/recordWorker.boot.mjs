// The record worker's entry (offThread.ts): Node 20 does not apply a worker's
// `execArgv: ["--import", "tsx"]` to its entry file, so this plain module loads tsx and then the
// TypeScript worker, when the server runs from its sources (`npm run dev`, vitest, the bench).
// The build runs dist/server/recordWorker.js instead, with plain node (scripts/build.mjs).
import { register } from "tsx/esm/api";

register();
await import("./recordWorker.ts");
