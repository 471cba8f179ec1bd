import type { GameService } from "../games/service";
import { conflict } from "../http/errors";

/**
 * Which names a join records on a seat. A name the seat already has (as typed, or differing only
 * in case and spacing) records nothing new: opening a join link twice, or a student joining again
 * from another device, leaves one name on the roster. A seat holds at most `cap` names; a new one
 * beyond that is refused (409 `seat_full`) before any token is issued.
 *
 * The rules (shared/) still accept every `seatJoined`, so records made before this replay as they
 * did; the check lives here, on the way in. Joins of one seat that overlap are told apart by the
 * names still being recorded, so two at once with one name record it once.
 */
export class SeatNames {
  /** gameId + seat → the names (compared form) whose `seatJoined` is on its way */
  private readonly pending = new Map<string, Set<string>>();

  constructor(
    private readonly service: GameService,
    private readonly cap: number,
  ) {}

  /**
   * Claims `name` on the seat: `record` says whether to record it; `release` must be called once
   * the `seatJoined` is stored (or given up). Throws 409 `seat_full` for a new name past the cap.
   */
  async claim(gameId: string, seat: string, name: string): Promise<{ record: boolean; release(): void }> {
    const game = await this.service.get(gameId);
    const recorded = (game?.state.seats[seat] ?? []).map(sameName);
    const key = `${gameId}\u0000${seat}`;
    const pending = this.pending.get(key) ?? new Set<string>();
    const wanted = sameName(name);
    if (recorded.includes(wanted) || pending.has(wanted)) return { record: false, release: () => {} };
    if (new Set(recorded).size + pending.size >= this.cap) {
      throw conflict(
        "seat_full",
        `this seat already has ${this.cap} names; join with one of them, or ask the facilitator for another seat`,
        { cap: this.cap },
      );
    }
    pending.add(wanted);
    this.pending.set(key, pending);
    let released = false;
    return {
      record: true,
      release: () => {
        if (released) return;
        released = true;
        pending.delete(wanted);
        if (pending.size === 0 && this.pending.get(key) === pending) this.pending.delete(key);
      },
    };
  }
}

/** The form two names are compared in: Unicode-normalised, spaces collapsed, case folded. */
export function sameName(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}
