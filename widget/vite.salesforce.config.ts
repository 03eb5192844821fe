/** Builds widget/dist/callbudget.iife.js: the same elements as one classic script, for a Salesforce static resource. */
import { defineConfig, mergeConfig } from 'vite';
import base from './vite.config.ts';
import { sizeBudget } from './build/size-budget.ts';

export default mergeConfig(
  { ...base, plugins: [] },
  defineConfig({
    build: {
      emptyOutDir: false,
      minify: 'esbuild',
      lib: { entry: 'src/salesforce.ts', formats: ['iife'], name: 'Callbudget', fileName: () => 'callbudget.iife.js' },
    },
    plugins: [sizeBudget('callbudget.iife.js', 60 * 1024)],
  }),
);
