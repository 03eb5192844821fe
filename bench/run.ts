/**
 * Benchmarks, reported as ratios against baselines measured in the same run (shared, noisy machines):
 *   1. limiter decision (Lua admit) vs a plain Redis round trip (PING), both over one connection;
 *   2. a Salesforce call through callbudget (sync push of one record) vs the same call sent by jsforce
 *      straight to the sandbox org.
 * Starts its own redis-server and sandbox on 127.0.0.1, and stops them.
 */
import { Redis } from 'ioredis';
import { Connection } from 'jsforce';
import { startRedis } from '../server/test/support/redis-server.ts';
import { connectedOrg, startApi } from '../server/test/support/api.ts';
import { startSandbox } from '../packages/sandbox-org/src/index.ts';
import { createRedisStore } from '../server/src/limiter/redis-store.ts';
import { createLimiter, DEFAULT_POLICY } from '../server/src/limiter/limiter.ts';

async function timeIt(label: string, runs: number, concurrency: number, once: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < runs) await once(next++);
    }),
  );
  const perOpUs = Number(process.hrtime.bigint() - started) / 1000 / runs;
  console.log(`${label.padEnd(48)} ${perOpUs.toFixed(1).padStart(9)} µs/op  (${runs} ops, ${concurrency} in flight)`);
  return perOpUs;
}

/** Redis CPU µs per script call (EVALSHA) while `work` runs, from INFO commandstats. */
async function redisCpuPerCall(client: Redis, work: () => Promise<unknown>): Promise<number> {
  await client.config('RESETSTAT');
  await work();
  const stats = /cmdstat_evalsha:calls=(\d+),usec=(\d+)/.exec(await client.info('commandstats'));
  return stats ? Number(stats[2]) / Number(stats[1]) : NaN;
}

const redisServer = await startRedis();
const redis = new Redis(redisServer.url);
const sandbox = await startSandbox();
// Production's org cache (1 s), not the tests' (none).
const api = await startApi({ redisUrl: redisServer.url, services: { orgCacheMs: 1000 } });
try {
  const limiter = createLimiter(createRedisStore(redis));
  const policy = { ...DEFAULT_POLICY, dailyLimit: 100_000_000 };
  await timeIt('warm-up', 2_000, 8, () => limiter.admit('bench-warm', 1, 'sync', policy));
  const ping = await timeIt('baseline: Redis PING', 20_000, 8, () => redis.ping());
  const admit = await timeIt('limiter admit (Lua, one round trip)', 20_000, 8, (i) => limiter.admit(`bench-${i % 50}`, 1, 'sync', policy));
  // Redis's own CPU per decision (INFO commandstats), admits vs refusals with a full window: a refusal
  // must not cost a scan of the window.
  const admitCpu = await redisCpuPerCall(redis, () => timeIt('limiter admit, Redis CPU run', 5_000, 8, (i) => limiter.admit(`cpu-${i % 50}`, 1, 'sync', policy)));
  const fullPolicy = { ...DEFAULT_POLICY, dailyLimit: 1_441 * 10 };
  let now = Date.UTC(2026, 11, 1);
  const pinned = createLimiter(createRedisStore(redis, { pinnedNow: () => now }));
  for (let minute = 0; minute < 1_441; minute++, now += 60_000) await pinned.admit('bench-full', 10, 'interactive', fullPolicy);
  now -= 60_000;
  const refuseCpu = await redisCpuPerCall(redis, () => timeIt('limiter refusal (full window), Redis CPU run', 5_000, 8, () => pinned.admit('bench-full', 1, 'interactive', fullPolicy)));

  const { orgId, sf } = await connectedOrg(api, sandbox, { dailyLimit: 1_000_000, spec: { dailyLimit: 5_000_000 } });
  // The sandbox's own cost per call with a busy window (500,000 calls of other integrations in it).
  const busy = sandbox.control.createOrg({ dailyLimit: 1_000_000, usageAtStart: 500_000, otherIntegrationsPerHour: 10_000 });
  const limitsUrl = `${busy.instanceUrl}/services/data/v62.0/limits`;
  const sandboxCall = await timeIt('sandbox GET /limits, busy window', 2_000, 1, () => fetch(limitsUrl, { headers: { authorization: `Bearer ${busy.accessToken}` } }).then((r) => r.arrayBuffer()));
  const direct = new Connection({ instanceUrl: sf.instanceUrl, accessToken: sf.accessToken, version: '62.0' });
  const headers = { authorization: `Bearer ${api.adminKey}`, 'content-type': 'application/json' };
  const viaApi = (i: number): Promise<unknown> =>
    fetch(`${api.url}/v1/orgs/${orgId}/sync/leads`, { method: 'POST', headers, body: JSON.stringify({ operation: 'create', records: [{ lastName: `B${i}`, company: 'Bench' }] }) }).then((r) => r.arrayBuffer());
  await timeIt('warm-up', 300, 4, (i) => Promise.all([viaApi(i), direct.sobject('Lead').create({ LastName: `W${i}`, Company: 'Bench' })]));
  const straight = await timeIt('baseline: jsforce create → sandbox', 2_000, 4, (i) => direct.sobject('Lead').create({ LastName: `D${i}`, Company: 'Bench' }));
  const through = await timeIt('sync push of one lead via callbudget → sandbox', 2_000, 4, viaApi);

  console.log('');
  console.log(`limiter admit / Redis PING:             ${(admit / ping).toFixed(2)}×`);
  console.log(`Redis CPU per decision: admit ${admitCpu.toFixed(2)} µs, refusal with a full window ${refuseCpu.toFixed(2)} µs (${(refuseCpu / admitCpu).toFixed(2)}×)`);
  console.log(`via callbudget / jsforce direct:        ${(through / straight).toFixed(2)}×`);
  console.log(`sandbox GET /limits (busy window) / Redis PING: ${(sandboxCall / ping).toFixed(2)}×`);
} finally {
  await api.close();
  await sandbox.close();
  await redis.quit();
  await redisServer.stop();
}
