import type { EventFacts, PublicScenario } from "../../../shared/index";
import { t } from "../texts";

const T = t.control;

/** A ruling's term in the scenario's words: "Tariffs: 10% imposed", "Chips struck from the draft". */
export function rulingTerm(s: Pick<PublicScenario, "issues">, f: Pick<EventFacts["ruling"], "issue" | "option">) {
  const issue = s.issues.find((i) => i.id === f.issue);
  const title = issue?.title ?? f.issue;
  if (f.option === null) return T.term.struck(title);
  return T.term.imposed(title, issue?.options.find((o) => o.id === f.option)?.label ?? f.option);
}

/** A ruling as a sentence, with its reason (a seat's missed events, the replay). */
export const rulingSentence = (s: Pick<PublicScenario, "issues">, f: EventFacts["ruling"]) =>
  T.events.ruling(rulingTerm(s, f), f.reason);

/** An undo as a sentence: what it undid (when the viewer saw it) and why. */
export const undoSentence = (f: EventFacts["undo"]) => T.events.undo(f.title, f.reason);
