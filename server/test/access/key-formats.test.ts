/**
 * Issue 11: keys in both formats. A `salesforce`-format secret has the shape the Salesforce CLI
 * demands of an access token, carries the org id as an untrusted label, and is as bound, hashed,
 * revocable and counted (failed-key limit) as a `cbk_` key.
 */
import { randomInt } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { claimedKeyId, PLACEHOLDER_SALESFORCE_ORG_ID } from '../../src/access/key-format.ts';
import type { KeyKind } from '../../src/access/principal.ts';
import { startApi, uniqueOrgId, type RunningApi } from '../support/api.ts';

/** The brief's anchored shape, and @salesforce/core's `accessTokenRegex` (lib/util/sfdc.js), unanchored as sf uses it. */
const SALESFORCE_TOKEN = /^00D\w{12,15}![.\w]+$/;
const SF_CLI_ACCESS_TOKEN = /(00D\w{12,15})![.\w]*/;

const sfOrgId = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9]{12}$/).map((rest) => `00D${rest}`),
  fc.stringMatching(/^[A-Za-z0-9]{15}$/).map((rest) => `00D${rest}`),
);
/** What an org's stored Salesforce org id may be: a real one, 'unknown' (verify-credentials' fallback), none, or junk. */
const storedOrgId = fc.oneof(sfOrgId, fc.constant('unknown'), fc.constant(undefined), fc.string({ maxLength: 30 }));

describe('key formats', () => {
  let api: RunningApi;
  const orgId = uniqueOrgId('formats');
  const otherOrgId = uniqueOrgId('formats-other');
  const issue = (options: { kind?: KeyKind; salesforceOrgId?: string; expiresAt?: string; org?: string } = {}) =>
    api.services.apiKeys.issue({
      orgId: options.org ?? orgId,
      kind: options.kind ?? 'sync',
      name: 'test',
      format: 'salesforce',
      createdBy: 'test',
      ...(options.salesforceOrgId !== undefined ? { salesforceOrgId: options.salesforceOrgId } : {}),
      ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
    });

  beforeAll(async () => {
    api = await startApi({ redisUrl: inject('redisUrl'), env: { AUTH_FAILURE_LIMIT: '3', AUTH_FAILURE_WINDOW_MS: '60000' } });
  });
  afterAll(() => api?.close());

  it('issues salesforce-format secrets every Salesforce client takes, each resolving to its own org and kind', async () => {
    await fc.assert(
      fc.asyncProperty(storedOrgId, fc.constantFrom<KeyKind>('admin', 'sync', 'widget'), async (stored, kind) => {
        const { record, secret } = await issue({ kind, ...(stored !== undefined ? { salesforceOrgId: stored } : {}) });
        expect(secret).toMatch(SALESFORCE_TOKEN);
        expect(SF_CLI_ACCESS_TOKEN.exec(secret)?.[0]).toBe(secret);
        const prefix = secret.split('!')[0];
        expect(prefix).toBe(stored !== undefined && /^00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(stored) ? stored : PLACEHOLDER_SALESFORCE_ORG_ID);
        // The key id and 256 random bits (64 hex digits) after the org id.
        expect(secret.split('!')[1]).toMatch(new RegExp(`^cb${record.id}\\.[a-f0-9]{64}$`));
        expect(record.hash).not.toContain(secret.slice(-64));
        expect(await api.services.apiKeys.resolve(secret)).toMatchObject({ kind: 'key', keyId: record.id, orgId, keyKind: kind });
      }),
      { numRuns: 200 },
    );
  });

  it('trusts the key record, not the org id prefix: another prefix with the right secret is the same bound key', async () => {
    const { record, secret } = await issue({ salesforceOrgId: '00D5g000004XyZaEAK', org: otherOrgId });
    const rest = secret.split('!')[1]!;
    for (const prefix of ['00D000000000000', '00Dxx0000001gPL', '00D_weird_prefix1']) {
      expect(await api.services.apiKeys.resolve(`${prefix}!${rest}`)).toMatchObject({ keyId: record.id, orgId: otherOrgId });
    }
  });

  it('refuses a tampered secret, another key id, a format swap, and malformed shapes', async () => {
    const { record, secret } = await issue();
    const flip = (text: string, at: number): string => text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1);
    const cbk = (await api.services.apiKeys.issue({ orgId, kind: 'sync', name: 'cbk', createdBy: 'test' })).secret;
    const refused = [
      flip(secret, secret.length - 1),
      flip(secret, secret.length - 40),
      secret.replace(record.id, '0123456789abcdef'),
      `${secret}0`,
      secret.slice(0, -1),
      secret.replace('!', ''),
      secret.replace('.', '_'),
      `00D000000000000!cb${record.id}.${cbk.slice(-43)}`,
      `cbk_${record.id}_${secret.slice(-43)}`,
      `${secret} `,
      secret.toUpperCase(),
    ];
    for (const token of refused) expect(await api.services.apiKeys.resolve(token), token).toBeUndefined();
    expect(await api.services.apiKeys.resolve(secret)).toBeDefined();
    expect(await api.services.apiKeys.resolve(cbk)).toBeDefined();
  });

  it('refuses a revoked or expired salesforce-format key', async () => {
    const revoked = await issue();
    expect(await api.services.apiKeys.revoke(orgId, revoked.record.id)).toBe(true);
    expect(await api.services.apiKeys.resolve(revoked.secret)).toBeUndefined();
    const expiring = await issue({ expiresAt: new Date(Date.now() + 60_000).toISOString() });
    expect(await api.services.apiKeys.resolve(expiring.secret)).toBeDefined();
    expect(await api.services.apiKeys.resolve(expiring.secret, Date.now() + 60_001)).toBeUndefined();
  });

  it('reads the claimed key id of both shapes, even when the rest is malformed', () => {
    expect(claimedKeyId('00D5g000004XyZaEAK!cb0123456789abcdef.zz')).toBe('0123456789abcdef');
    expect(claimedKeyId('00D000000000000!cb0123456789abcdef.')).toBe('0123456789abcdef');
    expect(claimedKeyId('cbk_0123456789abcdef_x')).toBe('0123456789abcdef');
    expect(claimedKeyId('00D000000000000!0123456789abcdef.x')).toBeUndefined();
    expect(claimedKeyId('00D00000!cb0123456789abcdef.x')).toBeUndefined();
  });

  it('counts failed salesforce-format keys against the key id they claim, from every address', async () => {
    const { record } = await issue();
    const guess = (): string =>
      `00D000000000000!cb${record.id}.${randomInt(2 ** 40)
        .toString(16)
        .padStart(64, '0')}`;
    const address = (): string => `198.19.${randomInt(256)}.${randomInt(1, 255)}`;
    const send = (key: string, url = `/v1/orgs/${orgId}/salesforce/services/data/v62.0/limits`) => api.app.inject({ url, remoteAddress: address(), headers: { authorization: `Bearer ${key}` } });
    const answers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await send(guess());
      answers.push(`${response.statusCode} ${String(response.headers['retry-after'] ?? '-')} ${JSON.parse(response.body)[0].errorCode}`);
    }
    // Limit 3: three guesses are told the key is bad; then the claimed id is slowed from every address.
    // A Salesforce client still reads an invalid session (the key is invalid), now with Retry-After.
    expect(answers).toEqual(['401 - INVALID_SESSION_ID', '401 - INVALID_SESSION_ID', '401 - INVALID_SESSION_ID', '401 60 INVALID_SESSION_ID']);
    const elsewhere = await send(guess(), `/v1/orgs/${orgId}/usage`);
    expect(elsewhere.statusCode).toBe(429);
    expect(elsewhere.json()).toMatchObject({ code: 'AUTH_RATE_LIMITED' });
  });
});
