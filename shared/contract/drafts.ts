import { z } from "zod";
import { wellFormedString } from "../text";

/**
 * The scenario lab's private draft (issue #12): one text per facilitator key, as typed. It may be
 * half-written JSON, so it is text, checked for the text rule's well-formedness only (PostgreSQL
 * refuses NUL and lone surrogates) and not normalised: it is the author's, byte for byte.
 */

/** The longest draft, in characters: a scenario of the format's largest size fits well under it. */
export const DRAFT_MAX_CHARS = 200_000;

/** `PUT /api/scenario-draft`: the text to keep; an empty text forgets the draft. */
export const draftBody = z.strictObject({
  text: wellFormedString(DRAFT_MAX_CHARS).meta({
    description: `The draft as typed (at most ${DRAFT_MAX_CHARS.toLocaleString("en")} characters); "" forgets it`,
  }),
});
export type DraftBody = z.infer<typeof draftBody>;

/** `GET /api/scenario-draft`: the key's draft, or nulls when it keeps none. */
export const draftAnswer = z.object({
  text: z.string().nullable(),
  updatedAt: z.iso.datetime().nullable(),
});
export type DraftAnswer = z.infer<typeof draftAnswer>;
