/**
 * `/services/apexrest/*`: the org's Apex REST classes behind the same gate as the data API (session,
 * concurrency, the rolling window, faults). Counting: "Calls to Apex REST classes count against the
 * organization's API governor limits" (Apex Developer Guide, Introduction to Apex REST:
 * https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_rest_intro.htm),
 * unmapped paths included: the gate counts before the class is looked up, as for a data 404.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { SF_JSON, sendSfError } from '../errors.ts';
import { gate, type DataScopeOptions } from './data-scope.ts';

const APEX_PREFIX = /^\/services\/apexrest(?=[/?]|$)/;

/** Register the Apex REST scope (prefix `/services/apexrest`). */
export const apexRestScope: FastifyPluginAsync<Omit<DataScopeOptions, 'dataRoutes'>> = async (scope, options) => {
  // Apex REST takes any body; JSON is parsed when it parses, anything else is kept as text.
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, text, done) => {
    const body = String(text);
    try {
      done(null, body.trim() === '' ? undefined : JSON.parse(body));
    } catch {
      done(null, body);
    }
  });
  scope.addHook('onRequest', async (request, reply) => {
    const answered = await gate(options, request, reply, APEX_PREFIX);
    if (answered) return answered;
  });

  const serve = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const org = options.state.orgs.get(request.sandbox.orgId);
    const query = request.url.indexOf('?');
    const path = (query === -1 ? request.url : request.url.slice(0, query)).replace(APEX_PREFIX, '') || '/';
    const match = org?.apexRest.match(request.method, path) ?? { notFound: true as const };
    if ('notFound' in match) return sendSfError(reply, 404, 'NOT_FOUND', `Could not find a match for URL ${path}`);
    if ('methodNotAllowed' in match) return sendSfError(reply, 405, 'METHOD_NOT_ALLOWED', `HTTP Method '${request.method}' not allowed. Allowed are ${match.methodNotAllowed.join(',')}`);
    const { def } = match;
    const body = 'body' in def ? def.body : { method: request.method, path, query: request.query, body: request.body ?? null };
    return reply
      .code(def.status)
      .type(SF_JSON)
      .send(JSON.stringify(body ?? null));
  };
  scope.all('/', serve);
  scope.all('/*', serve);
};
