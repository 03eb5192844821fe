/** A Vite plugin that prints the bundle's minified and gzip sizes and fails the build over budget. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Fail the build when `file` (relative to the output dir) exceeds `maxBytes` minified. */
export function sizeBudget(file: string, maxBytes: number): Plugin {
  let outDir = '';
  return {
    name: 'callbudget-size-budget',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const code = readFileSync(path.join(outDir, file));
      const min = code.length;
      const gzip = gzipSync(code, { level: 9 }).length;
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      console.log(`\n${file}: ${kb(min)} minified (${min} bytes), ${kb(gzip)} gzip (${gzip} bytes); budget ${kb(maxBytes)} minified`);
      if (min > maxBytes) throw new Error(`${file} is ${kb(min)}, over its ${kb(maxBytes)} budget`);
    },
  };
}
