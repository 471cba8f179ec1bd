import type { Scenario } from "../../shared/index";
import { builtInScenarios } from "../../shared/scenarios/index";
import type { Facilitator } from "../db/keyStore";
import type { ScenarioStore } from "../db/scenarioStore";

/**
 * The scenarios a game can be created from: the built-in ones, for everyone, and uploads, each
 * for the key that uploaded it (a scenario document holds both sides' secrets) unless the
 * operator has made it public. A scenario another key may not use answers as if it did not exist.
 */

export type ScenarioListing = {
  id: string;
  version: number;
  title: string;
  summary: string;
  builtIn: boolean;
  public: boolean;
  mine: boolean;
};

export type AddResult = "added" | "exists" | "reserved" | "taken";

export class ScenarioRegistry {
  constructor(private readonly store: ScenarioStore) {}

  isBuiltIn(id: string): boolean {
    return builtInScenarios.some((s) => s.id === id);
  }

  /** The newest version of each scenario this caller may use; metadata only. */
  async list(viewer: Facilitator | null): Promise<ScenarioListing[]> {
    const uploaded = await this.store.listFor(viewer?.id ?? null, viewer?.operator ?? false);
    const latest = new Map<string, ScenarioListing>();
    for (const s of builtInScenarios) {
      latest.set(s.id, { ...pick(s), builtIn: true, public: true, mine: false });
    }
    for (const s of uploaded) {
      if (this.isBuiltIn(s.id)) continue; // reserved; a row from before the reservation is not served
      const seen = latest.get(s.id);
      if (!seen || s.version > seen.version) {
        latest.set(s.id, { ...pick(s), builtIn: false, public: s.public, mine: s.ownerId === viewer?.id });
      }
    }
    return [...latest.values()];
  }

  /** A scenario to create a game from, or to read: null when unknown or not this caller's. */
  async find(id: string, version: number | undefined, viewer: Facilitator | null): Promise<Scenario | null> {
    if (this.isBuiltIn(id)) {
      return builtInScenarios.find((s) => s.id === id && (version === undefined || s.version === version)) ?? null;
    }
    if (!(await this.mayUse(id, viewer))) return null;
    return this.store.document(id, version);
  }

  /** Reading an upload's public fields: also for any token of a game made from it. */
  async findForGame(id: string, version: number | undefined): Promise<Scenario | null> {
    if (this.isBuiltIn(id)) return this.find(id, version, null);
    return this.store.document(id, version);
  }

  async mayUse(id: string, viewer: Facilitator | null): Promise<boolean> {
    const owner = await this.store.ownership(id);
    if (!owner) return false;
    return owner.public || (viewer !== null && (viewer.operator || owner.ownerId === viewer.id));
  }

  /** Stores an upload for its owner: a new id, or the next version of the owner's own id. */
  async add(s: Scenario, owner: Facilitator): Promise<AddResult> {
    if (this.isBuiltIn(s.id)) return "reserved";
    const existing = await this.store.ownership(s.id);
    if (existing && existing.ownerId !== owner.id && !owner.operator) return "taken";
    // A new version keeps the id's owner and its public flag.
    const added = await this.store.insert(s, existing?.ownerId ?? owner.id, existing?.public ?? false);
    return added ? "added" : "exists";
  }

  /** The owner's (or the operator's) to delete, while no game uses it. */
  async remove(
    id: string,
    version: number | undefined,
    viewer: Facilitator,
  ): Promise<"deleted" | "unknown" | "in_use" | "not_owner"> {
    const owner = this.isBuiltIn(id) ? null : await this.store.ownership(id);
    if (!owner) return "unknown";
    if (owner.ownerId !== viewer.id && !viewer.operator) return owner.public ? "not_owner" : "unknown";
    if ((await this.store.gamesUsing(id, version)) > 0) return "in_use";
    return (await this.store.delete(id, version)) > 0 ? "deleted" : "unknown";
  }

  async setPublic(id: string, isPublic: boolean): Promise<boolean> {
    if (this.isBuiltIn(id)) return false;
    return this.store.setPublic(id, isPublic);
  }
}

const pick = (s: { id: string; version: number; title: string; summary: string }) => ({
  id: s.id,
  version: s.version,
  title: s.title,
  summary: s.summary,
});
