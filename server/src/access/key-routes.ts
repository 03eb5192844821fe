/** /v1/orgs/:orgId/keys: issue (secret shown once), list, revoke; and the org's audit log. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { Problem } from '../errors.ts';
import type { RouteOptions } from '../http/route-options.ts';
import { routeSchema } from '../http/contract.ts';
import { orgOf } from '../http/org-scope.ts';
import { parseInput } from '../http/validate.ts';
import { actorOf } from '../audit/audit-log.ts';
import { keyView } from './api-keys.ts';
import { KEY_FORMATS } from './key-format.ts';
import { ROLES } from './principal.ts';
import { MAX_WIDGET_SESSION_SECONDS, mintWidgetSession, OPERATOR_MINTED } from './widget-sessions.ts';

const DAY_MS = 86_400_000;

const sessionInput = z.object({ ttlSeconds: z.number().int().min(60).max(MAX_WIDGET_SESSION_SECONDS).default(900) }).strict();

const keyInput = z
  .object({
    kind: z.enum(['admin', 'sync', 'widget']),
    role: z.enum(ROLES).optional(),
    name: z.string().trim().min(1).max(100).default('API key'),
    /** Widget keys expire (default 30 days); others may. */
    expiresInDays: z.number().int().min(1).max(365).optional(),
    /** `salesforce`: a secret shaped like a Salesforce session id, for clients that accept nothing else (key-format.ts). */
    format: z.enum(KEY_FORMATS).default('callbudget'),
  })
  .strict()
  .refine((k) => (k.kind === 'admin') === (k.role !== undefined), { message: 'admin keys need a role; other kinds take none', path: ['role'] });

export const keyRoutes: FastifyPluginAsync<RouteOptions> = async (app, { services, scoped }) => {
  app.post('/v1/orgs/:orgId/keys', { ...scoped('keys:manage'), schema: routeSchema('issueKey') }, async (request, reply) => {
    const org = orgOf(request);
    const input = parseInput(keyInput, request.body, 'body');
    const days = input.expiresInDays ?? (input.kind === 'widget' ? 30 : undefined);
    const { record, secret } = await services.apiKeys.issue({
      orgId: org.id,
      incarnation: org.incarnation,
      kind: input.kind,
      name: input.name,
      format: input.format,
      ...(org.salesforce ? { salesforceOrgId: org.salesforce.orgId } : {}),
      createdBy: actorOf(request.principal!),
      ...(input.role ? { role: input.role } : {}),
      ...(days ? { expiresAt: new Date(Date.now() + days * DAY_MS).toISOString() } : {}),
    });
    await services.audit.record(org.id, request.principal!, 'key.issued', record.id, { kind: record.kind, format: input.format, ...(record.role ? { role: record.role } : {}) });
    return reply
      .code(201)
      .header('Cache-Control', 'no-store')
      .send({ ...keyView(record), secret });
  });

  app.get('/v1/orgs/:orgId/keys', { ...scoped('keys:manage'), schema: routeSchema('listKeys') }, async (request) => ({
    keys: (await services.apiKeys.list(orgOf(request).id)).map(keyView),
  }));

  app.delete('/v1/orgs/:orgId/keys/:keyId', { ...scoped('keys:manage'), schema: routeSchema('revokeKey') }, async (request, reply) => {
    const org = orgOf(request);
    const { keyId } = request.params as { keyId: string };
    if (!(await services.apiKeys.revoke(org.id, keyId))) throw new Problem('NOT_FOUND', 'No such active key.');
    await services.audit.record(org.id, request.principal!, 'key.revoked', keyId);
    return reply.code(204).send();
  });

  // A short-lived widget token, for pages that must not hold a key (Salesforce: Apex + Named Credential).
  app.post('/v1/orgs/:orgId/widget-sessions', { ...scoped('widget:mint'), schema: routeSchema('mintWidgetSession') }, async (request, reply) => {
    const { ttlSeconds } = parseInput(sessionInput, request.body, 'body');
    const org = orgOf(request);
    const principal = request.principal!;
    const keyId = principal.kind === 'operator' ? OPERATOR_MINTED : principal.keyId;
    return reply
      .code(201)
      .header('Cache-Control', 'no-store')
      .send(mintWidgetSession(services.secretBox, { orgId: org.id, incarnation: org.incarnation, keyId }, ttlSeconds));
  });

  app.get('/v1/orgs/:orgId/audit', { ...scoped('audit:read'), schema: routeSchema('getAudit') }, async (request) => ({
    entries: await services.audit.list(orgOf(request).id, 500),
  }));
};
