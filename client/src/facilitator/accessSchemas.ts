import { z } from "zod";

/**
 * The answers of the access routes (keys, invites, the operator's lists), as the client relies on
 * them: checked on arrival, so a screen never acts on a shape it did not expect.
 */

/** `GET /api/me`: who a facilitator key belongs to. */
export const meSchema = z.object({ id: z.string(), name: z.string().nullish(), operator: z.boolean() });
export type Me = z.infer<typeof meSchema>;

/** `POST /api/facilitators`: a new key, shown once. */
export const createdKeySchema = z.object({
  facilitatorKey: z.string().min(1),
  id: z.string(),
  name: z.string().nullish(),
});

/** `POST /api/facilitators/:id/rotate` and the facilitator-token routes. */
export const rotatedKeySchema = z.object({ facilitatorKey: z.string().min(1) });
export const facilitatorTokenSchema = z.object({ facilitatorToken: z.string().min(1) });

/** `GET /api/facilitators` (operator). */
export const facilitatorListSchema = z.array(
  z.object({
    id: z.string(),
    name: z.string().nullish(),
    operator: z.boolean(),
    createdAt: z.string(),
    revokedAt: z.string().nullish(),
  }),
);
export type FacilitatorRow = z.infer<typeof facilitatorListSchema>[number];

/** `POST /api/invites` (operator). */
export const createdInviteSchema = z.object({ invite: z.string().min(1), id: z.string(), expiresAt: z.string() });

/** `GET /api/invites` (operator). */
export const inviteListSchema = z.array(
  z.object({
    id: z.string(),
    name: z.string().nullish(),
    createdAt: z.string(),
    expiresAt: z.string(),
    usedAt: z.string().nullish(),
  }),
);
export type InviteRow = z.infer<typeof inviteListSchema>[number];

/** An invite's link: the code travels in the fragment, which browsers never send to a server. */
export const inviteLink = (invite: string) =>
  `${window.location.origin}/facilitator/invite#${encodeURIComponent(invite)}`;
