import { defineConfig } from 'vitest/config';

// Two cores: keep workers few so Redis, the sandbox and the tests don't starve each other.
export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'packages/**/*.test.ts'],
    globalSetup: ['server/test/support/global-setup.ts'],
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
