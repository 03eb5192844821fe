/** `/_sandbox`: the control API over HTTP, guarded by `x-sandbox-key` when a control key is set. */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { OrgSpec } from '../types.ts';
import type { SandboxControl } from './control.ts';
import { sendControlError } from './http-errors.ts';

/** Options of the control routes plugin (registered with prefix `/_sandbox`). */
export interface ControlRoutesOptions {
  control: SandboxControl;
  controlKey: string | undefined;
  baseUrl: (request: FastifyRequest) => string;
}

type OrgParams = { Params: { orgId: string } };

function keyMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Register the control routes; every handler is one call into the programmatic control API. */
export const controlRoutes: FastifyPluginAsync<ControlRoutesOptions> = async (app, { control, controlKey, baseUrl }) => {
  if (controlKey) {
    app.addHook('onRequest', async (request, reply) => {
      if (!keyMatches(controlKey, request.headers['x-sandbox-key'])) {
        return sendControlError(reply, 401, 'UNAUTHORIZED', 'missing or wrong x-sandbox-key header');
      }
    });
  }

  app.post('/orgs', async (request, reply) => reply.code(201).send(control.createOrg((request.body ?? {}) as OrgSpec, baseUrl(request))));
  app.get('/orgs', async (request) => control.listOrgs(baseUrl(request)));
  app.get<OrgParams>('/orgs/:orgId', async (request) => control.getOrg(request.params.orgId, baseUrl(request)));
  app.delete<OrgParams>('/orgs/:orgId', async (request, reply) => {
    control.deleteOrg(request.params.orgId);
    return reply.code(204).send();
  });
  app.patch<OrgParams>('/orgs/:orgId', async (request) => control.updateOrg(request.params.orgId, request.body ?? {}, baseUrl(request)));
  app.post<OrgParams>('/orgs/:orgId/reset', async (request) => {
    control.resetOrg(request.params.orgId);
    return control.getOrg(request.params.orgId, baseUrl(request));
  });

  app.post<{ Params: { orgId: string; object: string } }>('/orgs/:orgId/records/:object', async (request, reply) => {
    const body = request.body as Parameters<SandboxControl['seed']>[2];
    return reply.code(201).send(control.seed(request.params.orgId, request.params.object, body));
  });
  app.post<OrgParams>('/orgs/:orgId/apexrest', async (request, reply) => {
    const body = request.body as Parameters<SandboxControl['defineApexRest']>[1];
    return reply.code(201).send(control.defineApexRest(request.params.orgId, body));
  });
  app.post<OrgParams>('/orgs/:orgId/custom-fields', async (request, reply) => {
    const body = request.body as Parameters<SandboxControl['addCustomFields']>[1];
    return reply.code(201).send(control.addCustomFields(request.params.orgId, body));
  });

  app.post<OrgParams>('/orgs/:orgId/faults', async (request, reply) => {
    const body = request.body as Parameters<SandboxControl['addFault']>[1];
    return reply.code(201).send(control.addFault(request.params.orgId, body));
  });
  app.get<OrgParams>('/orgs/:orgId/faults', async (request) => control.getOrg(request.params.orgId).faults);
  app.delete<OrgParams>('/orgs/:orgId/faults', async (request, reply) => {
    control.clearFaults(request.params.orgId);
    return reply.code(204).send();
  });
  app.post<OrgParams>('/orgs/:orgId/sessions/invalidate', async (request) => control.invalidateSessions(request.params.orgId, request.body ?? {}));

  app.get<OrgParams>('/orgs/:orgId/ground-truth', async (request) => control.groundTruth(request.params.orgId, request.query as object));
  app.get('/ground-truth', async (request) => control.unattributedGroundTruth(request.query as object));
  app.get<OrgParams>('/orgs/:orgId/usage', async (request) => control.usage(request.params.orgId));

  app.get('/clock', async () => ({ now: control.now() }));
  app.post('/clock/advance', async (request) => {
    const body = (request.body ?? {}) as { ms?: unknown };
    return control.advanceClock(body.ms as number);
  });
};
