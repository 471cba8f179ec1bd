import type { GameEvent, GameState } from "../../../shared/index";
import { t } from "../texts";
import { phaseTitle, roleTitle, seatLabel, sideName, termsText } from "./labels";

const T = t.replay.events;

/**
 * One event in a sentence, for the replay's "what happened here" line. `event` is the event as
 * the chosen seat saw it (null when it could not see it); `before` and `after` are the game on
 * either side of it.
 */
export function describeEvent(event: GameEvent | null, before: GameState, after: GameState): string {
  if (!event) return T.hidden;
  const s = after.scenario;
  const p = event.payload as Record<string, unknown>;
  const actor = event.actor;
  const who = "seat" in actor ? seatLabel(s, after.seats, actor.seat) : "facilitator" in actor ? T.control : T.system;
  const str = (k: string) => (typeof p[k] === "string" ? (p[k] as string) : "");
  const proposal = (id: string) => after.proposals.find((x) => x.id === id);
  switch (event.type) {
    case "propose": {
      const terms = (p.terms as Record<string, string>) ?? {};
      return T.propose(who, str("proposalId"), termsText(s, terms));
    }
    case "accept":
    case "reject":
    case "withdraw": {
      const pr = proposal(str("proposalId"));
      const terms = pr ? termsText(s, pr.terms) : "";
      return T[event.type](who, str("proposalId"), terms);
    }
    case "chat": {
      const channel = str("channel");
      const title =
        channel === "table"
          ? T.table
          : channel.startsWith("team:")
            ? T.team(sideName(s, channel.slice(5)))
            : (s.backchannels.find((b) => b.id === channel)?.title ?? channel);
      return T.chat(who, title, str("text"));
    }
    case "statement":
      return T.statement(who, str("text"));
    case "sign":
      return T.sign(who, Number(p.draftVersion ?? 0));
    case "unsign":
      return T.unsign(who);
    case "walkAway":
      return T.walkAway(who);
    case "advancePhase":
    case "deadline": {
      if (after.outcome && !before.outcome) return T.endedBy(event.type);
      return T.phase(event.type, phaseTitle(s, s.phases[after.phaseIndex]?.id ?? ""));
    }
    case "pause":
      return T.pause;
    case "resume":
      return before.clock.started ? T.resume : T.start;
    case "extend":
      return T.extend(Number(p.minutes ?? 0));
    case "inject":
    case "drawInject": {
      const id = str("injectId");
      const title = id ? (s.injects.find((i) => i.id === id)?.title ?? str("title") ?? id) : str("title");
      return T.inject(event.type === "drawInject", title);
    }
    case "note":
      return T.note(str("text"));
    case "endGame":
      return T.endGame;
    case "seatJoined":
      return T.seatJoined(str("name"), roleTitle(s, str("seat")));
  }
}
