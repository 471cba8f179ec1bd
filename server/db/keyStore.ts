import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database } from "./connect";
import { isUniqueViolation } from "./gameStore";
import { facilitators, invites } from "./schema";

/**
 * Facilitator keys and the operator's invites. A key is stored as its hash only; revoking a key
 * keeps its row (games keep their owner) and stops it at once, since every request looks it up.
 */

export type Facilitator = { id: string; name: string; operator: boolean };
export type FacilitatorRow = typeof facilitators.$inferSelect;
export type InviteRow = typeof invites.$inferSelect;

export class KeyStore {
  constructor(private readonly db: Database) {}

  /** The facilitator a key opens; null for an unknown or revoked key. */
  async byKeyHash(keyHash: string): Promise<Facilitator | null> {
    const rows = await this.db.orm
      .select({ id: facilitators.id, name: facilitators.name, operator: facilitators.operator })
      .from(facilitators)
      .where(and(eq(facilitators.keyHash, keyHash), isNull(facilitators.revokedAt)))
      .limit(1);
    return rows[0] ?? null;
  }

  async insert(f: { id: string; keyHash: string; name: string; operator?: boolean }): Promise<void> {
    await this.db.orm.insert(facilitators).values({ ...f, operator: f.operator ?? false });
  }

  async list(): Promise<FacilitatorRow[]> {
    return this.db.orm.select().from(facilitators).orderBy(desc(facilitators.operator), facilitators.createdAt);
  }

  async byId(id: string): Promise<FacilitatorRow | null> {
    const rows = await this.db.orm.select().from(facilitators).where(eq(facilitators.id, id)).limit(1);
    return rows[0] ?? null;
  }

  async hasOperator(): Promise<boolean> {
    const rows = await this.db.orm
      .select({ id: facilitators.id })
      .from(facilitators)
      .where(eq(facilitators.operator, true))
      .limit(1);
    return rows.length > 0;
  }

  /**
   * Creates the operator with this key if there is none yet; false when one exists already
   * (another process may have created it a moment before: the unique index keeps it to one).
   */
  async createOperator(id: string, keyHash: string): Promise<boolean> {
    const rows = await this.db.orm
      .insert(facilitators)
      .values({ id, keyHash, name: "Operator", operator: true })
      .onConflictDoNothing()
      .returning({ id: facilitators.id });
    return rows.length > 0;
  }

  /** Sets the operator's key (OPERATOR_KEY, or `keys operator`), creating the operator if need be. */
  async setOperatorKey(newId: () => string, keyHash: string): Promise<void> {
    // Processes starting together with one OPERATOR_KEY: the first inserts the operator, the
    // others' inserts collide on the key; run again, they find the operator and update it.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.setOperatorKeyOnce(newId, keyHash);
      } catch (err) {
        if (attempt >= 3 || !isUniqueViolation(err)) throw err;
      }
    }
  }

  private async setOperatorKeyOnce(newId: () => string, keyHash: string): Promise<void> {
    await this.db.orm.transaction(async (tx) => {
      // The key may already belong to a facilitator row: it becomes the operator's, not a duplicate.
      await tx
        .update(facilitators)
        .set({ keyHash: `replaced:${newId()}` })
        .where(and(eq(facilitators.keyHash, keyHash), eq(facilitators.operator, false)));
      const updated = await tx
        .update(facilitators)
        .set({ keyHash, revokedAt: null })
        .where(eq(facilitators.operator, true))
        .returning({ id: facilitators.id });
      if (updated.length === 0) {
        await tx.insert(facilitators).values({ id: newId(), keyHash, name: "Operator", operator: true });
      }
    });
  }

  /** A new key for a facilitator; the old one stops. False for an unknown or revoked facilitator. */
  async rotate(id: string, keyHash: string): Promise<boolean> {
    const rows = await this.db.orm
      .update(facilitators)
      .set({ keyHash })
      .where(and(eq(facilitators.id, id), isNull(facilitators.revokedAt)))
      .returning({ id: facilitators.id });
    return rows.length > 0;
  }

  async revoke(id: string): Promise<"revoked" | "unknown" | "operator"> {
    const row = await this.byId(id);
    if (!row) return "unknown";
    if (row.operator) return "operator";
    await this.db.orm
      .update(facilitators)
      .set({ revokedAt: sql`coalesce(${facilitators.revokedAt}, now())` })
      .where(eq(facilitators.id, id));
    return "revoked";
  }

  // Invites

  async insertInvite(i: { id: string; codeHash: string; name: string; createdBy: string; expiresAt: Date }) {
    await this.db.orm.insert(invites).values(i);
  }

  /**
   * Spends an invite and creates the facilitator it opens, in one transaction: of two people
   * redeeming one invite at once, one gets the key and the other nothing.
   */
  async redeemInvite(codeHash: string, f: { id: string; keyHash: string; name?: string }): Promise<Facilitator | null> {
    return this.db.orm.transaction(async (tx) => {
      const spent = await tx
        .update(invites)
        .set({ usedAt: sql`now()`, usedBy: f.id })
        .where(and(eq(invites.codeHash, codeHash), isNull(invites.usedAt), gt(invites.expiresAt, sql`now()`)))
        .returning({ name: invites.name });
      if (spent.length === 0) return null;
      const name = f.name ?? spent[0]!.name;
      await tx.insert(facilitators).values({ id: f.id, keyHash: f.keyHash, name, operator: false });
      return { id: f.id, name, operator: false };
    });
  }

  async listInvites(): Promise<InviteRow[]> {
    return this.db.orm.select().from(invites).orderBy(desc(invites.createdAt));
  }

  async deleteInvite(id: string): Promise<boolean> {
    const rows = await this.db.orm.delete(invites).where(eq(invites.id, id)).returning({ id: invites.id });
    return rows.length > 0;
  }
}
