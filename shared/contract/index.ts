/**
 * The wire contract (issue #10): every HTTP body and answer and every Socket.IO message, as zod
 * schemas with the TypeScript types derived from them. Pure zod: the server validates with it,
 * the client parses what arrives with it, the CLI and the tests read their types from it. No wire
 * type is written by hand anywhere else.
 */
export * from "./access";
export * from "./addresses";
export * from "./bots";
export * from "./classes";
export * from "./drafts";
export * from "./events";
export * from "./games";
export * from "./http";
export * from "./operations";
export * from "./ruleErrors";
export * from "./scenarios";
export * from "./socket";
