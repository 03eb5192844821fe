/**
 * Salesforce's login endpoints: OAuth token and revoke, userinfo, the identity URL, and a SOAP
 * login that refuses with a message saying how to configure jsforce instead.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { SF_JSON } from '../errors.ts';
import { basicCredentials, bearerToken } from './bearer.ts';
import { identityBody, userInfoBody } from './identity.ts';
import { grantToken } from './oauth-grants.ts';
import type { Org } from './orgs.ts';
import type { SandboxState } from './sandbox-state.ts';

/** Options of the OAuth routes plugin. */
export interface OAuthRoutesOptions {
  state: SandboxState;
  baseUrl: (request: FastifyRequest) => string;
}

const NO_STORE = 'no-cache,must-revalidate,max-age=0,no-store,private';

const SOAP_REFUSAL =
  'UNSUPPORTED_API: this sandbox org only supports OAuth 2.0 login. Give jsforce the connected app: ' +
  'new Connection({ loginUrl, oauth2: { clientId, clientSecret, loginUrl } }) and conn.login() uses the token endpoint.';

/** Form fields as plain strings (a repeated field keeps its first value). */
function formParams(body: unknown): Record<string, string | undefined> {
  if (!body || typeof body !== 'object') return {};
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(body)) {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' || typeof first === 'number' || typeof first === 'boolean') out[key] = String(first);
  }
  return out;
}

/** The org and token-owner behind a request's access token (header, or `oauth_token` query as jsforce's identity() sends). */
function orgOfRequest(state: SandboxState, request: FastifyRequest): Org | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const token = bearerToken(request.headers.authorization) ?? (typeof query?.oauth_token === 'string' ? query.oauth_token : undefined);
  const owner = token === undefined ? undefined : state.sessions.resolveAccess(token);
  return owner && state.orgs.get(owner.orgId);
}

const badToken = (reply: FastifyReply, text = 'Bad_OAuth_Token'): FastifyReply => reply.code(403).type('text/plain;charset=UTF-8').send(text);

/** Register the login endpoints (with their own form and XML body parsers). */
export const oauthRoutes: FastifyPluginAsync<OAuthRoutesOptions> = async (app, { state, baseUrl }) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addContentTypeParser(['text/xml', 'application/soap+xml'], { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.post('/services/oauth2/token', async (request, reply) => {
    const outcome = grantToken(state, {
      params: formParams(request.body),
      basic: basicCredentials(request.headers.authorization),
      baseUrl: baseUrl(request),
    });
    if (request.sandboxCall) request.sandboxCall.org = outcome.org;
    // An armed `token-answer` fault: the login points elsewhere (see control-schemas.ts).
    const answer = outcome.org?.faults.tokenAnswer();
    if (answer?.redirectTo) return reply.code(answer.redirectStatus).header('location', answer.redirectTo).send();
    const body = outcome.status === 200 && answer ? { ...outcome.body, ...(answer.instanceUrl ? { instance_url: answer.instanceUrl } : {}), ...(answer.idUrl ? { id: answer.idUrl } : {}) } : outcome.body;
    return reply.code(outcome.status).header('cache-control', NO_STORE).type(SF_JSON).send(JSON.stringify(body));
  });

  const revoke = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const token = formParams(request.body).token ?? formParams(request.query).token;
    const owner = token === undefined ? undefined : (state.sessions.resolveAccess(token) ?? state.sessions.resolveRefresh(token));
    if (request.sandboxCall && owner) request.sandboxCall.org = state.orgs.get(owner.orgId);
    if (token === undefined || !state.sessions.revoke(token)) {
      return reply
        .code(400)
        .type(SF_JSON)
        .send(JSON.stringify({ error: 'unsupported_token_type', error_description: 'this token type is not supported' }));
    }
    return reply.code(200).header('cache-control', NO_STORE).send();
  };
  app.post('/services/oauth2/revoke', revoke);
  app.get('/services/oauth2/revoke', revoke);

  const userInfo = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const org = orgOfRequest(state, request);
    if (!org) return badToken(reply);
    if (request.sandboxCall) request.sandboxCall.org = org;
    return reply.type(SF_JSON).send(JSON.stringify(userInfoBody(baseUrl(request), org)));
  };
  app.get('/services/oauth2/userinfo', userInfo);
  app.post('/services/oauth2/userinfo', userInfo);

  app.get<{ Params: { orgId: string; userId: string } }>('/id/:orgId/:userId', async (request, reply) => {
    const org = orgOfRequest(state, request);
    if (!org) return badToken(reply);
    if (request.params.orgId !== org.orgId || request.params.userId !== org.userId) return badToken(reply, 'Bad_Id');
    return reply.type(SF_JSON).send(JSON.stringify(identityBody(baseUrl(request), org)));
  });

  app.post('/services/Soap/*', async (_request, reply) => {
    const fault =
      '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
      '<soapenv:Body><soapenv:Fault><faultcode>UNSUPPORTED_API</faultcode>' +
      `<faultstring>${SOAP_REFUSAL}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;
    return reply.code(500).type('text/xml;charset=UTF-8').send(fault);
  });
};
