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
