/** Builds widget/dist/callbudget.js: one self-contained ES module, Lit included, nothing fetched at run time. */
import { fileURLToPath } from 'node:url';
import { defineConfig, transformWithEsbuild, type Plugin } from 'vite';
import { sizeBudget } from './build/size-budget.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

// Vite keeps whitespace in an ES library (to keep /* @__PURE__ */ marks for the app that bundles it);
// this file is loaded as it is, so minify it whole.
const minifyEsLibrary: Plugin = {
  name: 'callbudget-minify-es',
  apply: 'build',
  enforce: 'post',
  // generateBundle runs after every renderChunk, Vite's own esbuild pass included.
  async generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const result = await transformWithEsbuild(chunk.code, chunk.fileName, { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' });
      chunk.code = result.code;
    }
  },
};

export default defineConfig({
  root,
  logLevel: 'warn',
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: false, // minifyEsLibrary does it, whitespace included
    sourcemap: false,
    reportCompressedSize: false,
    lib: {
      entry: 'src/index.ts',
      formats: ['es'],
      fileName: () => 'callbudget.js',
    },
    rollupOptions: {
      // Everything is bundled: a Salesforce static resource may not load code from other hosts.
      external: [],
      output: { inlineDynamicImports: true },
    },
  },
  esbuild: { legalComments: 'none' },
  plugins: [minifyEsLibrary, sizeBudget('callbudget.js', 60 * 1024)],
});
