/**
 * The package stands alone: no import leaves its folder (relative paths stay inside, e.g. never into
 * callbudget's server), and every package it names is declared in its package.json (runtime code only
 * `dependencies`; tests and their helpers may also use `devDependencies`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
const runtimeDeps = new Set(Object.keys(manifest.dependencies ?? {}));
const testDeps = new Set([...runtimeDeps, ...Object.keys(manifest.devDependencies ?? {})]);

const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.ts'))
  .map((name) => join(root, 'src', name));

/** Every module specifier in a file: static, type-only and dynamic imports alike. */
const specifiers = (file: string): string[] => ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((imported) => imported.fileName);

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
const packageName = (specifier: string): string =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

const isTestFile = (file: string): boolean => /test/i.test(relative(root, file).split('/').pop()!);

describe('@callbudget/sandbox-org stands alone', () => {
  it('imports nothing outside its own folder', () => {
    expect(files.length).toBeGreaterThan(50);
    const escaping = files.flatMap((file) =>
      specifiers(file)
        .filter((s) => s.startsWith('.') && !resolve(dirname(file), s).startsWith(root + '/'))
        .map((s) => `${relative(root, file)} → ${s}`),
    );
    expect(escaping).toEqual([]);
  });

  it('declares every package it imports', () => {
    const undeclared = files.flatMap((file) => {
      const allowed = isTestFile(file) ? testDeps : runtimeDeps;
      return specifiers(file)
        .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtinModules.includes(s))
        .filter((s) => !allowed.has(packageName(s)))
        .map((s) => `${relative(root, file)} → ${s}`);
    });
    expect(undeclared).toEqual([]);
  });
});
