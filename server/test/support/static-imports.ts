/**
 * The modules a set of entry files load at import time: relative `import`/`export … from` statements,
 * followed transitively. `import type` is skipped (erased before run time) and `import()` is skipped
 * (it loads only when that code runs), which is exactly the line between "always loaded" and "loaded
 * on demand".
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';

/** Relative module specifiers a file loads when it is imported (not type-only, not dynamic). */
export function staticSpecifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      // `import { type A }` still loads the module under verbatimModuleSyntax; only `import type` is erased.
      if (statement.importClause?.isTypeOnly) continue;
      found.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      found.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return found.filter((specifier) => specifier.startsWith('.'));
}

/** Every file reachable from `entries` through static relative imports (absolute paths, entries included). */
export function staticClosure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = entries.map((entry) => resolve(entry));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of staticSpecifiers(file)) {
      const target = resolve(dirname(file), specifier);
      if (!existsSync(target)) throw new Error(`${file}: cannot resolve ${specifier}`);
      queue.push(target);
    }
  }
  return seen;
}
