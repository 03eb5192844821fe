// Type-checked lint over every TypeScript file we own. Each file is checked with the nearest
// tsconfig.json (projectService), so the server, the browser widget and the widget tests keep their
// own compiler settings.
import tseslint from 'typescript-eslint';

// Test code reads JSON bodies as `any` on purpose: the assertions (toEqual, toMatchObject) are the
// shape check, and vitest's asymmetric matchers (expect.any, expect.stringMatching) are typed `any`.
const TEST_FILES = ['**/*.test.ts', '**/*.spec.ts', 'server/test/**/*.ts', 'widget/test/**/*.ts', 'e2e/**/*.ts'];

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**', 'salesforce/**', '**/*.generated.ts'],
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Fastify plugins and handlers are `async` without awaiting (Fastify's async-plugin style), and
      // in-memory stores implement Promise-returning interfaces with `async` so throws become rejections.
      '@typescript-eslint/require-await': 'off',
      // A leading underscore marks a deliberately unused binding (an omitted rest sibling, a skipped tuple slot).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // The widget's build configs run in Node but sit beside the browser tsconfig; widget/test's covers them.
    files: ['widget/*.config.ts', 'widget/build/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: false, project: './widget/test/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: TEST_FILES,
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
