/** URL shapes real clients send: doubled slashes (the Salesforce CLI) and `/services/data` without a slash. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { startSandbox, type RunningSandbox } from '../start.ts';
import type { OrgInfo } from '../types.ts';
import { apiRequest, rawRequest } from './test-support.ts';
import { collapseSlashes } from './url-shape.ts';

let sandbox: RunningSandbox;
let org: OrgInfo;
beforeAll(async () => {
  sandbox = await startSandbox({ clock: new ManualClock() });
  org = sandbox.control.createOrg({ dailyLimit: 100 });
});
afterAll(() => sandbox.close());

describe('collapseSlashes', () => {
  it('collapses runs of slashes in the path only, never in the query', () => {
    expect(collapseSlashes('//services/data/v62.0//sobjects')).toBe('/services/data/v62.0/sobjects');
    expect(collapseSlashes('///services///data/?q=a//b')).toBe('/services/data/?q=a//b');
    expect(collapseSlashes('/services/data/v62.0/query?q=x')).toBe('/services/data/v62.0/query?q=x');
    expect(collapseSlashes('/')).toBe('/');
  });
});

describe('doubled slashes', () => {
  it('serves //services/data/v62.0//sobjects like /services/data/v62.0/sobjects, counted once, recorded normalised', async () => {
    const before = sandbox.control.usage(org.orgId).used;
    const res = await apiRequest(`${sandbox.url}//services/data/v62.0//sobjects`, org.accessToken);
    expect(res.status).toBe(200);
    expect((res.json() as { sobjects: { name: string }[] }).sobjects.map((s) => s.name)).toContain('Account');
    expect(sandbox.control.usage(org.orgId).used).toBe(before + 1);
    const last = sandbox.control.groundTruth(org.orgId).calls.at(-1);
    expect(last).toMatchObject({ method: 'GET', path: '/services/data/v62.0/sobjects', counted: true, status: 200 });
  });

  it('creates and reads a record through doubled slashes', async () => {
    const created = await apiRequest(`${sandbox.url}//services/data/v62.0/sobjects//Account`, org.accessToken, { method: 'POST', json: { Name: 'Slashy' } });
    expect(created.status).toBe(201);
    const { id } = created.json() as { id: string };
    const read = await apiRequest(`${sandbox.url}//services//data//v62.0//sobjects//Account//${id}`, org.accessToken);
    expect(read.status).toBe(200);
    expect(read.json()).toMatchObject({ Id: id, Name: 'Slashy' });
  });

  it('keeps doubled slashes inside the query string as sent', async () => {
    const q = encodeURIComponent("SELECT Id FROM Account WHERE Name = 'a//b'").replace(/%2F/g, '/');
    const res = await apiRequest(`${sandbox.url}//services/data/v62.0/query?q=${q}`, org.accessToken);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ totalSize: 0 });
  });

  it('still answers 404 NOT_FOUND for an unknown path with doubled slashes', async () => {
    const res = await apiRequest(`${sandbox.url}//services/data/v62.0//nothing-here`, org.accessToken);
    expect(res.status).toBe(404);
    expect(res.json()).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  });
});

describe('the versions list', () => {
  it.each(['/services/data', '/services/data/', '//services/data', '//services//data//'])('GET %s answers the versions list, uncounted', async (path) => {
    const before = sandbox.control.usage(org.orgId).used;
    const res = await rawRequest(sandbox.url + path);
    expect(res.status).toBe(200);
    const versions = res.json() as { version: string; url: string }[];
    expect(versions.at(-1)).toEqual({ label: "Winter '25", url: '/services/data/v62.0', version: '62.0' });
    expect(sandbox.control.usage(org.orgId).used).toBe(before);
  });
});
