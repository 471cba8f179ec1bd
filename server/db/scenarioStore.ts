import { and, count, desc, eq, or } from "drizzle-orm";
import type { Scenario } from "../../shared/index";
import type { Database } from "./connect";
import { games, scenarios } from "./schema";

/** Uploaded scenarios, each owned by the key that first uploaded its id; some made public. */

export type ScenarioMeta = {
  id: string;
  version: number;
  title: string;
  summary: string;
  ownerId: string | null;
  public: boolean;
};

const meta = {
  id: scenarios.id,
  version: scenarios.version,
  title: scenarios.title,
  summary: scenarios.summary,
  ownerId: scenarios.ownerId,
  public: scenarios.public,
};

export class ScenarioStore {
  constructor(private readonly db: Database) {}

  /** false when that id and version exist already. */
  async insert(s: Scenario, ownerId: string, isPublic: boolean): Promise<boolean> {
    const rows = await this.db.orm
      .insert(scenarios)
      .values({
        id: s.id,
        version: s.version,
        document: s,
        ownerId,
        public: isPublic,
        title: s.title,
        summary: s.summary,
      })
      .onConflictDoNothing()
      .returning({ id: scenarios.id });
    return rows.length > 0;
  }

  /** Every version's metadata that this facilitator may see (all of them for null: the operator). */
  async listFor(facilitatorId: string | null, all: boolean): Promise<ScenarioMeta[]> {
    const q = this.db.orm.select(meta).from(scenarios);
    const visible = all
      ? q
      : facilitatorId
        ? q.where(or(eq(scenarios.public, true), eq(scenarios.ownerId, facilitatorId)))
        : q.where(eq(scenarios.public, true));
    return visible.orderBy(scenarios.id, scenarios.version);
  }

  /** The owner and public flag of an id (its newest version's): who may use and version it. */
  async ownership(id: string): Promise<{ ownerId: string | null; public: boolean } | null> {
    const rows = await this.db.orm
      .select({ ownerId: scenarios.ownerId, public: scenarios.public })
      .from(scenarios)
      .where(eq(scenarios.id, id))
      .orderBy(desc(scenarios.version))
      .limit(1);
    return rows[0] ?? null;
  }

  async document(id: string, version?: number): Promise<Scenario | null> {
    const rows = await this.db.orm
      .select({ document: scenarios.document })
      .from(scenarios)
      .where(version === undefined ? eq(scenarios.id, id) : and(eq(scenarios.id, id), eq(scenarios.version, version)))
      .orderBy(desc(scenarios.version))
      .limit(1);
    return (rows[0]?.document as Scenario | undefined) ?? null;
  }

  /** Public or not, for every version of the id: a scenario is shared as a whole. */
  async setPublic(id: string, isPublic: boolean): Promise<boolean> {
    const rows = await this.db.orm
      .update(scenarios)
      .set({ public: isPublic })
      .where(eq(scenarios.id, id))
      .returning({ id: scenarios.id });
    return rows.length > 0;
  }

  /** How many games were created from the id (or one version of it). */
  async gamesUsing(id: string, version?: number): Promise<number> {
    const where =
      version === undefined
        ? eq(games.scenarioId, id)
        : and(eq(games.scenarioId, id), eq(games.scenarioVersion, version));
    const rows = await this.db.orm.select({ n: count() }).from(games).where(where);
    return Number(rows[0]?.n ?? 0);
  }

  async delete(id: string, version?: number): Promise<number> {
    const where =
      version === undefined ? eq(scenarios.id, id) : and(eq(scenarios.id, id), eq(scenarios.version, version));
    const rows = await this.db.orm.delete(scenarios).where(where).returning({ id: scenarios.id });
    return rows.length;
  }
}
