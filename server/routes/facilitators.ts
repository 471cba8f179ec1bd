import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  createdInvite,
  createdKey,
  errorResponses,
  facilitatorList,
  idParams,
  inviteList,
  me,
  newInviteBody,
  newKeyBody,
  noContent,
  rotatedKey,
} from "../../shared/contract/index";
import { ASK_THE_OPERATOR, bearer, requireKey, requireOperator } from "../auth/caller";
import { hashSecret, newId, newSecret } from "../auth/secrets";
import type { AppContext } from "../context";
import { HttpError, notFound, unauthorized } from "../http/errors";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Facilitator keys: the operator issues them (directly, or as an invite link usable once) and
 * revokes them; a key can ask who it is. PROTOCOL.md, "Identities and tokens".
 */
export async function facilitatorRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const keys = ctx.store.keys;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/me",
    {
      schema: {
        tags: ["facilitators"],
        summary: "Who this facilitator key is",
        security: [{ bearer: [] }],
        response: { 200: me, ...errorResponses },
      },
    },
    async (request) => requireKey(ctx.store, request),
  );

  r.post(
    "/api/facilitators",
    {
      schema: {
        tags: ["facilitators"],
        summary: "A new facilitator key: with the operator's key, or with an unused invite",
        security: [{ bearer: [] }, {}],
        body: newKeyBody,
        response: { 201: createdKey, ...errorResponses },
      },
    },
    async (request, reply) => {
      const facilitatorKey = newSecret("fk");
      const id = newId("f");
      const { invite } = request.body;
      if (invite !== undefined && !bearer(request)) {
        const made = await keys.redeemInvite(hashSecret(`invite:${invite.trim()}`), {
          id,
          keyHash: hashSecret(facilitatorKey),
          ...(request.body.name ? { name: request.body.name } : {}),
        });
        if (!made) {
          throw new HttpError(401, "invalid_invite", "that invite has been used, has expired or does not exist");
        }
        request.log.info({ facilitatorId: id }, "facilitator key issued from an invite");
        return reply.status(201).send({ facilitatorKey, id, name: made.name });
      }
      if (!bearer(request)) throw unauthorized(ASK_THE_OPERATOR);
      const operator = await requireOperator(ctx.store, request);
      const fname = request.body.name ?? "";
      await keys.insert({ id, keyHash: hashSecret(facilitatorKey), name: fname });
      request.log.info({ facilitatorId: id, by: operator.id }, "facilitator key issued");
      return reply.status(201).send({ facilitatorKey, id, name: fname });
    },
  );

  r.get(
    "/api/facilitators",
    {
      schema: {
        tags: ["facilitators"],
        summary: "Every facilitator key's holder (never the keys): the operator",
        security: [{ bearer: [] }],
        response: { 200: facilitatorList, ...errorResponses },
      },
    },
    async (request) => {
      await requireOperator(ctx.store, request);
      return (await keys.list()).map((f) => ({
        id: f.id,
        name: f.name,
        operator: f.operator,
        createdAt: f.createdAt.toISOString(),
        revokedAt: iso(f.revokedAt),
      }));
    },
  );

  r.post(
    "/api/facilitators/:id/rotate",
    {
      schema: {
        tags: ["facilitators"],
        summary: "A new key for a facilitator; the old one stops at once: the operator, or the key itself",
        security: [{ bearer: [] }],
        params: idParams,
        response: { 200: rotatedKey, ...errorResponses },
      },
    },
    async (request) => {
      const me = await requireKey(ctx.store, request);
      if (me.id !== request.params.id && !me.operator) {
        throw new HttpError(403, "forbidden", "only the operator may rotate another facilitator's key");
      }
      const facilitatorKey = newSecret("fk");
      if (!(await keys.rotate(request.params.id, hashSecret(facilitatorKey)))) throw notFound("no such facilitator");
      request.log.info({ facilitatorId: request.params.id }, "facilitator key rotated");
      return { facilitatorKey };
    },
  );

  r.delete(
    "/api/facilitators/:id",
    {
      schema: {
        tags: ["facilitators"],
        summary: "Revoke a facilitator key at once (its games keep their record): the operator",
        security: [{ bearer: [] }],
        params: idParams,
        response: { 204: noContent("revoked"), ...errorResponses },
      },
    },
    async (request, reply) => {
      await requireOperator(ctx.store, request);
      const result = await keys.revoke(request.params.id);
      if (result === "unknown") throw notFound("no such facilitator");
      if (result === "operator") {
        throw new HttpError(
          409,
          "operator_key",
          "the operator's key cannot be revoked; rotate it with `npm run keys -- operator`",
        );
      }
      request.log.info({ facilitatorId: request.params.id }, "facilitator key revoked");
      return reply.status(204).send(null);
    },
  );

  r.post(
    "/api/invites",
    {
      schema: {
        tags: ["facilitators"],
        summary: "An invite (usable once) that mints a facilitator key: the operator",
        security: [{ bearer: [] }],
        body: newInviteBody,
        response: { 201: createdInvite, ...errorResponses },
      },
    },
    async (request, reply) => {
      const operator = await requireOperator(ctx.store, request);
      const invite = newSecret("iv");
      const id = newId("i");
      const expiresAt = new Date(Date.now() + request.body.hours * 3_600_000);
      await keys.insertInvite({
        id,
        codeHash: hashSecret(`invite:${invite}`),
        name: request.body.name ?? "",
        createdBy: operator.id,
        expiresAt,
      });
      return reply.status(201).send({ invite, id, expiresAt: expiresAt.toISOString() });
    },
  );

  r.get(
    "/api/invites",
    {
      schema: {
        tags: ["facilitators"],
        summary: "The invites issued (never their codes): the operator",
        security: [{ bearer: [] }],
        response: { 200: inviteList, ...errorResponses },
      },
    },
    async (request) => {
      await requireOperator(ctx.store, request);
      return (await keys.listInvites()).map((i) => ({
        id: i.id,
        name: i.name,
        createdAt: i.createdAt.toISOString(),
        expiresAt: i.expiresAt.toISOString(),
        usedAt: iso(i.usedAt),
      }));
    },
  );

  r.delete(
    "/api/invites/:id",
    {
      schema: {
        tags: ["facilitators"],
        summary: "Withdraw an invite: the operator",
        security: [{ bearer: [] }],
        params: idParams,
        response: { 204: noContent("withdrawn"), ...errorResponses },
      },
    },
    async (request, reply) => {
      await requireOperator(ctx.store, request);
      if (!(await keys.deleteInvite(request.params.id))) throw notFound("no such invite");
      return reply.status(204).send(null);
    },
  );
}
