import type { Scenario } from "../../shared/index";
import { builtInScenarios } from "../../shared/scenarios/index";
import type { GameStore } from "../db/gameStore";

/** The scenarios a game can be created from: the built-in ones first, then uploads. */
export class ScenarioRegistry {
  constructor(private readonly store: GameStore) {}

  isBuiltIn(id: string): boolean {
    return builtInScenarios.some((s) => s.id === id);
  }

  async list(): Promise<Scenario[]> {
    const uploaded = await this.store.scenarios();
    // The newest version of each id.
    const latest = new Map<string, Scenario>();
    for (const s of [...builtInScenarios, ...uploaded]) {
      const seen = latest.get(s.id);
      if (!seen || s.version > seen.version) latest.set(s.id, s);
    }
    return [...latest.values()];
  }

  async find(id: string, version?: number): Promise<Scenario | null> {
    const uploaded = await this.store.scenario(id, version);
    const builtIn = builtInScenarios.find((s) => s.id === id && (version === undefined || s.version === version));
    if (uploaded && builtIn) return uploaded.version > builtIn.version ? uploaded : builtIn;
    return uploaded ?? builtIn ?? null;
  }

  /** false when that id and version exist already. */
  async add(s: Scenario): Promise<boolean> {
    if (builtInScenarios.some((b) => b.id === s.id && b.version === s.version)) return false;
    return this.store.insertScenario(s);
  }
}
