/**
 * Entry point of an API instance in its own process, for tests that kill one (SIGKILL) mid-run. It
 * is the production build (loadConfig, createServices, buildApp) with two test settings: the limiter's
 * clock read from a file the test writes (its ManualClock), and BullMQ lock timing, so a killed
 * instance's job is taken over in seconds. Prints `listening <url>` once it listens.
 */
import { readFileSync } from 'node:fs';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createServices } from '../../src/services.ts';

const clockFile = process.env['CB_TEST_CLOCK_FILE'];
const lockMs = Number(process.env['CB_TEST_LOCK_MS'] ?? 30_000);
const pinnedNow = clockFile ? (): number => Number(readFileSync(clockFile, 'utf8')) : undefined;

const services = createServices(loadConfig(), {
  retry: { maxRetries: 2, minDelayMs: 10 },
  ...(pinnedNow ? { limiterTiming: { pinnedNow } } : {}),
  jobQueue: { lockDurationMs: lockMs, stalledIntervalMs: Math.max(500, Math.floor(lockMs / 2)) },
});
const app = await buildApp({ services });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`listening ${url}`);
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => services.close())
    .then(() => process.exit(0));
});
