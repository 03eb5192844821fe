/** A trickle of sync traffic through the public API, so the demo's usage figures move. */

export interface DemoTraffic {
  stop(): void;
}

/** Every `everyMs`: push a few leads, and now and then pull accounts. */
export function startDemoTraffic(options: { apiUrl: string; orgId: string; key: string; everyMs: number }): DemoTraffic {
  let tick = 0;
  const headers = { authorization: `Bearer ${options.key}`, 'content-type': 'application/json' };
  const base = `${options.apiUrl}/v1/orgs/${options.orgId}/sync`;
  const run = async (): Promise<void> => {
    tick++;
    const records = Array.from({ length: 3 }, (_, i) => ({ firstName: 'Demo', lastName: `Lead ${tick}-${i}`, company: 'Example Co', email: `lead${tick}.${i}@example.com` }));
    await fetch(`${base}/leads`, { method: 'POST', headers, body: JSON.stringify({ operation: 'create', records }) });
    if (tick % 3 === 0) await fetch(`${base}/accounts?since=2000-01-01T00:00:00Z&limit=50`, { headers });
  };
  // Demo traffic is best effort: a round that fails (the API is still starting or already closing)
  // is dropped, and the next tick sends another.
  const timer = setInterval(() => void run().catch(() => undefined), options.everyMs);
  timer.unref();
  void run().catch(() => undefined);
  return { stop: () => clearInterval(timer) };
}
