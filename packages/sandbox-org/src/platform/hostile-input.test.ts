import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgInfo } from '../types.ts';
import { RequestCounter, apiRequest, rawRequest, startTestSandbox } from './test-support.ts';

type Sandbox = Awaited<ReturnType<typeof startTestSandbox>>;

let sandbox: Sandbox;
let org: OrgInfo;
let counter: RequestCounter;
let api: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  org = sandbox.control.createOrg();
  api = `${sandbox.url}/services/data/v62.0`;
  counter = new RequestCounter(sandbox.url);
});
afterAll(async () => {
  counter.dispose();
  await sandbox.close();
});

const SF_JSON = 'application/json;charset=UTF-8';
const INVALID_SESSION = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
const NOT_FOUND = [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }];

describe('sessions', () => {
  it('answers 401 INVALID_SESSION_ID to a missing, garbage or unknown token, without counting', async () => {
    for (const authorization of [undefined, 'Bearer', 'Bearer garbage', 'Basic abc', `Bearer ${org.orgId.slice(0, 15)}!AQnope`]) {
      const res = await rawRequest(`${api}/limits`, { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toBe(SF_JSON);
      expect(res.json()).toEqual(INVALID_SESSION);
      expect(res.headers['sforce-limit-info']).toBeUndefined();
    }
    expect(sandbox.control.usage(org.orgId).used).toBe(0);
  });

  it('accepts the OAuth scheme as well as Bearer', async () => {
    const res = await rawRequest(`${api}/limits`, { headers: { authorization: `OAuth ${org.accessToken}` } });
    expect(res.status).toBe(200);
  });

  it('hands the data routes the request context', async () => {
    const res = await apiRequest(`${api}/whoami`, org.accessToken);
    expect(res.json()).toEqual({ orgId: org.orgId, userId: org.userId, apiVersion: '62.0', instanceUrl: sandbox.url, clock: sandbox.clock.now() });
  });
});

describe('routes and versions', () => {
  it('404s a malformed version before looking at the session', async () => {
    for (const version of ['62.0', 'v62', 'v62.0.1', 'vX.0', 'latest']) {
      const res = await rawRequest(`${sandbox.url}/services/data/${version}/limits`);
      expect([version, res.status]).toEqual([version, 404]);
      expect(res.json()).toEqual(NOT_FOUND);
    }
  });

  it('404s unknown resources (after authenticating and counting, as Salesforce does)', async () => {
    const before = sandbox.control.usage(org.orgId).used;
    const res = await apiRequest(`${api}/nothing/here?x=1`, org.accessToken);
    expect(res.status).toBe(404);
    expect(res.json()).toEqual(NOT_FOUND);
    expect(res.headers['sforce-limit-info']).toBe(`api-usage=${before + 1}/15000`);
    expect((await rawRequest(`${api}/nothing/here`)).status).toBe(401);
    expect((await rawRequest(`${sandbox.url}/nowhere`)).json()).toEqual(NOT_FOUND);
    expect((await rawRequest(`${sandbox.url}/services/nowhere`)).json()).toEqual(NOT_FOUND);
  });

  it('405s a known path with the wrong method', async () => {
    const res = await apiRequest(`${api}/limits`, org.accessToken, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.json()).toEqual([{ message: "HTTP Method 'DELETE' not allowed. Allowed are GET,HEAD", errorCode: 'METHOD_NOT_ALLOWED' }]);
    const token = await rawRequest(`${sandbox.url}/services/oauth2/token`, { method: 'PUT' });
    expect(token.status).toBe(405);
  });
});

describe('bodies', () => {
  it('answers 400 JSON_PARSER_ERROR to malformed JSON, counted like any call that reached the org', async () => {
    for (const body of ['{"LastName": ', '{', 'nul', '']) {
      const res = await apiRequest(`${api}/sobjects/Lead`, org.accessToken, { method: 'POST', body });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe(SF_JSON);
      const [error] = res.json() as { errorCode: string; message: string }[];
      expect(error?.errorCode).toBe('JSON_PARSER_ERROR');
      expect(res.headers['sforce-limit-info']).toMatch(/^api-usage=\d+\/15000$/);
    }
  });

  it('answers 413 to an oversized body and 415 to an unsupported content type', async () => {
    const big = await apiRequest(`${api}/sobjects/Lead`, org.accessToken, { method: 'POST', body: `{"a":"${'x'.repeat(7 * 1024 * 1024)}"}` });
    expect(big.status).toBe(413);
    expect((big.json() as { errorCode: string }[])[0]?.errorCode).toBe('REQUEST_ENTITY_TOO_LARGE');
    const text = await apiRequest(`${api}/sobjects/Lead`, org.accessToken, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect((text.json() as { errorCode: string }[])[0]?.errorCode).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('survives odd URLs and odd token requests without a 500', async () => {
    const odd = [
      `${api}/sobjects/%E0%A4%A`,
      `${api}/sobjects/Lead/${'a'.repeat(1001)}`,
      `${api}/sobjects/Lead/${'a'.repeat(999)}`,
      `${sandbox.url}/services/data/v62.0`,
      `${sandbox.url}/id/x/y`,
      `${sandbox.url}/services/oauth2/userinfo`,
    ];
    for (const url of odd) {
      const res = await apiRequest(url, org.accessToken);
      expect(res.status, url).toBeLessThan(500);
      if (res.headers['content-type'] === SF_JSON && res.status >= 400) expect(Array.isArray(res.json()), url).toBe(true);
    }
    const json = await rawRequest(`${sandbox.url}/services/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"grant_type":["x"]}' });
    expect(json.status).toBe(400);
    const weird = await rawRequest(`${sandbox.url}/services/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '%%%&&&==' });
    expect(weird.json()).toEqual({ error: 'unsupported_grant_type', error_description: 'grant type not supported' });
  });
});

describe('ground truth of hostile traffic', () => {
  it('records every request sent under /services/, the unattributable ones apart', () => {
    const mine = sandbox.control.groundTruth(org.orgId).total;
    const loose = sandbox.control.unattributedGroundTruth().total;
    expect(mine + loose).toBe(counter.servicesCount);
    expect(sandbox.control.unattributedGroundTruth().calls.every((c) => c.orgId === null)).toBe(true);
  });
});
