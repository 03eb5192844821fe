/**
 * Issue 10: no Salesforce call depends on jsforce's private parts. The server's code (the sandbox
 * org aside, which plays Salesforce) names neither a private jsforce field nor a jsforce module.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'sandbox' ? [] : sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the call path uses no jsforce internals', () => {
  it('server/src (sandbox aside) has no _transport, _refreshDelegate or jsforce import', () => {
    const files = sources(SRC);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((file) => /\b_transport\b|\b_refreshDelegate\b|from ['"]jsforce/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
