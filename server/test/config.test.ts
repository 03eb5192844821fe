import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('config', () => {
  it('defaults to embedded mode on port 3000 with no environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, embeddedSandbox: true, redisUrl: undefined, salesforceApiVersion: '62.0', salesforceClientName: 'callbudget' });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ REDIS_URL: '', PORT: '' }).port).toBe(3000);
  });

  it('starts no sandbox with REDIS_URL, and then requires the operator and encryption keys', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6390' })).toThrow(/CALLBUDGET_ENCRYPTION_KEYS/);
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6390', CALLBUDGET_ENCRYPTION_KEYS: 'k:x' })).toThrow(/CALLBUDGET_ADMIN_KEY/);
    const config = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6390', CALLBUDGET_ENCRYPTION_KEYS: 'k:x', CALLBUDGET_ADMIN_KEY: 'x'.repeat(24) });
    expect(config.embeddedSandbox).toBe(false);
  });

  it('lists every problem at once, by variable', () => {
    try {
      loadConfig({ PORT: 'eighty', SALESFORCE_API_VERSION: 'v62', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      for (const name of ['PORT', 'SALESFORCE_API_VERSION', 'LOG_LEVEL']) expect(message).toContain(name);
    }
  });
});

describe('Salesforce hosts in config', () => {
  it('defaults to Salesforce login hosts and instances, and accepts a custom list', () => {
    expect(loadConfig({}).salesforceHosts).toContain('https://login.salesforce.com');
    expect(loadConfig({ SALESFORCE_ALLOWED_HOSTS: 'https://login.salesforce.com, http://127.0.0.1:*' }).salesforceHosts).toEqual(['https://login.salesforce.com', 'http://127.0.0.1:*']);
    expect(() => loadConfig({ SALESFORCE_ALLOWED_HOSTS: 'login.salesforce.com' })).toThrow(/SALESFORCE_ALLOWED_HOSTS/);
  });
});

describe('trust, failed-key limit and timeouts in config', () => {
  it('reads TRUST_PROXY as Fastify takes it: off by default, true/false, a hop count or addresses/CIDRs', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,fd00::/8' }).trustProxy).toEqual(['10.0.0.0/8', '192.168.1.7', 'fd00::/8']);
    for (const bad of ['yes', '10.0.0.0/33', 'lb.internal', '10.0.0.1/8/8']) expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
  });

  it('defaults the failed-key limit to 20 per 10 minutes and lets the operator change it', () => {
    expect(loadConfig({}).authFailures).toEqual({ maxFailures: 20, windowMs: 600_000 });
    expect(loadConfig({ AUTH_FAILURE_LIMIT: '3', AUTH_FAILURE_WINDOW_MS: '1500' }).authFailures).toEqual({ maxFailures: 3, windowMs: 1500 });
    expect(() => loadConfig({ AUTH_FAILURE_LIMIT: '0' })).toThrow(/AUTH_FAILURE_LIMIT/);
  });

  it('sets request, header, connection and keep-alive timeouts, and refuses headers slower than the request', () => {
    expect(loadConfig({}).timeouts).toEqual({ requestMs: 30_000, headersMs: 10_000, connectionMs: 300_000, keepAliveMs: 72_000 });
    expect(loadConfig({ REQUEST_TIMEOUT_MS: '2000', HEADERS_TIMEOUT_MS: '1000' }).timeouts).toMatchObject({ requestMs: 2000, headersMs: 1000 });
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '0' })).toThrow(/REQUEST_TIMEOUT_MS/);
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '5000', HEADERS_TIMEOUT_MS: '6000' })).toThrow(/HEADERS_TIMEOUT_MS/);
  });
});
