import type { Member, MemberResult } from "../db/batchAppend";
import { isDatabaseUnavailable } from "../db/connect";

/**
 * The queue in front of the append (issue #13, point 4; db/batchAppend.ts for the statement).
 * While a batch is being stored, the moves of other games that arrive wait and go together in the
 * next: under light load every batch holds one move and goes at once, as before; under heavy load
 * a batch holds what arrived during one round trip. Each move's promise settles only when its own
 * outcome is known: resolved once the statement that stored it has committed (the acknowledgement
 * waits for that), rejected with the error the single append would have given it.
 *
 * A game never has two members in one batch (its moves are in turn, in the game's queue), so its
 * own moves keep their order. A statement that fails for one member's data fails the batch, so
 * its members are then stored one by one: only the bad one fails.
 */

type Pending = { member: Member; resolve: () => void; reject: (err: unknown) => void };

export type GroupCommitOptions = {
  /** Members per statement (1: each move its own statement, as without group commit). */
  maxBatch: number;
  /** Statements at once: a second batch fills while the first is stored. */
  inFlight: number;
};

/** An error shaped as the driver's, so the service's checks (gameStore.ts) read it as before. */
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

export class GroupCommit {
  private queue: Pending[] = [];
  private running = 0;
  /** Batches stored and members in them (the tests read them: were moves grouped?). */
  readonly stats = { batches: 0, members: 0 };

  constructor(
    private readonly many: (members: Member[]) => Promise<MemberResult[]>,
    private readonly one: (member: Member) => Promise<void>,
    private readonly options: GroupCommitOptions,
  ) {}

  append(member: Member): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ member, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.options.inFlight && this.queue.length > 0) {
      const batch = this.take();
      this.running++;
      this.store(batch).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  /** The next batch: in arrival order, at most maxBatch, one member per game. */
  private take(): Pending[] {
    const batch: Pending[] = [];
    const games = new Set<string>();
    const rest: Pending[] = [];
    for (const p of this.queue) {
      if (batch.length < this.options.maxBatch && !games.has(p.member.gameId)) {
        batch.push(p);
        games.add(p.member.gameId);
      } else rest.push(p);
    }
    this.queue = rest;
    return batch;
  }

  private async store(batch: Pending[]): Promise<void> {
    this.stats.batches++;
    this.stats.members += batch.length;
    // A batch of one too goes through the batch statement: that one never waits on a locked game.
    let results: MemberResult[];
    try {
      results = await this.many(batch.map((p) => p.member));
    } catch (err) {
      if (isDatabaseUnavailable(err)) {
        for (const p of batch) p.reject(err);
        return;
      }
      // Some member's data failed the statement (nothing of it was stored): each alone.
      await Promise.all(batch.map((p) => this.alone(p)));
      return;
    }
    batch.forEach((p, i) => {
      const r = results[i];
      if (r === "stored") p.resolve();
      // Its game's row was locked (a deletion): alone, and outside the batches' slots, it waits
      // for that as it always did, while the next batches go on.
      else if (r === "locked") void this.alone(p);
      else if (r === "taken") p.reject(pgError("23505", `seq ${p.member.event.seq} of ${p.member.gameId} is taken`));
      else p.reject(pgError("23503", `no game ${p.member.gameId}`));
    });
  }

  private alone(p: Pending): Promise<void> {
    return this.one(p.member).then(p.resolve, p.reject);
  }
}
