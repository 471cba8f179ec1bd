import { eq } from "drizzle-orm";
import type { Database } from "./connect";
import { scenarioDrafts } from "./schema";

/** The scenario lab's drafts: one text per facilitator key, read and written by that key alone. */
export class DraftStore {
  constructor(private readonly db: Database) {}

  async read(facilitatorId: string): Promise<{ text: string; updatedAt: Date } | null> {
    const rows = await this.db.orm
      .select({ text: scenarioDrafts.text, updatedAt: scenarioDrafts.updatedAt })
      .from(scenarioDrafts)
      .where(eq(scenarioDrafts.facilitatorId, facilitatorId));
    return rows[0] ?? null;
  }

  /** One statement, so two tabs saving at once leave one of the two texts, whole. */
  async write(facilitatorId: string, text: string): Promise<Date> {
    const rows = await this.db.orm
      .insert(scenarioDrafts)
      .values({ facilitatorId, text })
      .onConflictDoUpdate({ target: scenarioDrafts.facilitatorId, set: { text, updatedAt: new Date() } })
      .returning({ updatedAt: scenarioDrafts.updatedAt });
    return rows[0]!.updatedAt;
  }

  async clear(facilitatorId: string): Promise<void> {
    await this.db.orm.delete(scenarioDrafts).where(eq(scenarioDrafts.facilitatorId, facilitatorId));
  }
}
