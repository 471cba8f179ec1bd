/** The event types live in the contract (shared/contract/events.ts); re-exported for existing importers. */
export * from "./contract/events";
