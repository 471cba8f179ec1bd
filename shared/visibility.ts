import { canRead, findChannel } from "./channels";
import type { GameEvent } from "./events";
import type { GameState } from "./state";
import { feedVisible, isRevealedTo } from "./view";

/**
 * An event as one seat may see it, or null when it may not see it at all (GAME.md: a seat sees
 * gaps in the sequence, never what filled them). Used for the live feed, the event log over HTTP
 * and exports. `state` is the game as it stands now: once a revealing game is over, every event
 * opens to every seat.
 */
export function eventFor<E extends GameEvent>(state: GameState, event: E, seat: string): E | null {
  if (isRevealedTo(state, seat)) return event;
  const { scenario } = state;
  // Narrowed through a plain GameEvent: a generic E does not narrow on its type.
  const e: GameEvent = event;
  switch (e.type) {
    case "chat": {
      const channel = findChannel(scenario, e.payload.channel);
      return channel && canRead(scenario, channel, seat) ? event : null;
    }
    case "inject":
    case "drawInject": {
      const { injectId } = e.payload;
      if (typeof injectId === "string") {
        // A played card's title and text are public; its effects stay with the control cell.
        const card = scenario.injects.find((i) => i.id === injectId);
        const payload = { injectId, title: card?.title ?? "", text: card?.text ?? "" };
        // Both the inject and the drawInject payload hold a card's id, title and text.
        return { ...event, payload } as E;
      }
      if (e.type !== "inject" || !feedVisible(scenario, { to: e.payload.to ?? null }, seat, false)) return null;
      // A written inject's effects (rules version 4) are Control's, as a card's are: a shift names
      // a side's points or walk-away. What they say aloud (press, reveals) reaches seats through
      // their own messages and feed items, each addressed as it is.
      if (e.payload.effects === undefined) return event;
      const { effects: _effects, ...payload } = e.payload;
      return { ...event, payload } as E;
    }
    case "undo": {
      // Told to whom the undone action was told: an undo of an inject to one side is that side's.
      const undone = state.feed.find((f) => f.seq === e.payload.undoes && (f.kind === "inject" || f.kind === "ruling"));
      return undone === undefined || feedVisible(scenario, undone, seat, false) ? event : null;
    }
    case "note":
      return feedVisible(scenario, { to: e.payload.to ?? null }, seat, false) ? event : null;
    default:
      return event;
  }
}
