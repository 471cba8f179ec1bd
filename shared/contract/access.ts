import { z } from "zod";
import { textSchema, wellFormedString } from "../text";

/** Facilitator keys and invites: PROTOCOL.md, "Identities and tokens". */

const holderName = textSchema({ max: 80, trim: true, min: 1 });

/** `GET /api/me`: who a facilitator key belongs to. */
export const me = z.object({ id: z.string(), name: z.string(), operator: z.boolean() });
export type Me = z.infer<typeof me>;

/** `POST /api/facilitators`: with the operator's key, or an unused invite (and no key). */
export const newKeyBody = z
  .strictObject({ name: holderName.optional(), invite: wellFormedString(200).min(1).optional() })
  .default({});
/** A new key, shown once. */
export const createdKey = z.object({ facilitatorKey: z.string().min(1), id: z.string(), name: z.string() });
export const rotatedKey = z.object({ facilitatorKey: z.string().min(1) });

export const facilitatorRow = z.object({
  id: z.string(),
  name: z.string(),
  operator: z.boolean(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type FacilitatorRow = z.infer<typeof facilitatorRow>;
export const facilitatorList = z.array(facilitatorRow);

export const newInviteBody = z
  .strictObject({
    name: holderName.optional(),
    hours: z
      .int()
      .min(1)
      .max(24 * 30)
      .default(24 * 7),
  })
  .default({ hours: 24 * 7 });
export const createdInvite = z.object({ invite: z.string().min(1), id: z.string(), expiresAt: z.string() });

export const inviteRow = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  usedAt: z.string().nullable(),
});
export type InviteRow = z.infer<typeof inviteRow>;
export const inviteList = z.array(inviteRow);
