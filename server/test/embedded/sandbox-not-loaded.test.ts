/**
 * Production never loads the sandbox org: no module under server/src reaches the sandbox package through
 * imports that run at load time. Only embedded mode loads it, through `embedded/sandbox-loader.ts`'s `import()`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticClosure } from '../support/static-imports.ts';

const SERVER_SRC = resolve('server/src');
const SANDBOX_PACKAGE = resolve('packages/sandbox-org');

const serverFiles = readdirSync(SERVER_SRC, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.ts'))
  .map((name) => join(SERVER_SRC, name));

const inSandbox = (files: Iterable<string>): string[] => [...files].filter((file) => file.startsWith(SANDBOX_PACKAGE + '/')).map((file) => relative(process.cwd(), file));

describe('the sandbox org package stays out of production', () => {
  it('is not loaded by server/src/main.ts at start-up', () => {
    const loaded = staticClosure(['server/src/main.ts']);
    // The walk really followed the app: it reached the Fastify app and the limiter.
    expect(loaded).toContain(join(SERVER_SRC, 'app.ts'));
    expect(loaded.size).toBeGreaterThan(40);
    expect(inSandbox(loaded)).toEqual([]);
  });

  it('is not loaded at import time by any module under server/src', () => {
    expect(serverFiles.length).toBeGreaterThan(40);
    expect(inSandbox(staticClosure(serverFiles))).toEqual([]);
  });

  it('is named by exactly one server module, the loader, and only inside import()', () => {
    const naming = serverFiles.filter((file) => readFileSync(file, 'utf8').includes('packages/sandbox-org'));
    expect(naming.map((file) => relative(SERVER_SRC, file))).toEqual(['embedded/sandbox-loader.ts']);
    const loader = readFileSync(join(SERVER_SRC, 'embedded/sandbox-loader.ts'), 'utf8');
    expect(loader).toMatch(/import\('\.\.\/\.\.\/\.\.\/packages\/sandbox-org\/src\/index\.ts'\)/);
  });
});
