/**
 * Shutdown that cannot hang: a graceful close (a BullMQ worker finishing its job) gets `ms`; past
 * that, or when it fails, the forced close runs. With Redis gone, BullMQ's graceful close waits for a
 * reconnect that never comes, and the process would never exit.
 */
export async function closeWithin(ms: number, graceful: () => Promise<unknown>, forced: () => Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  const outcome = await Promise.race([
    graceful().then(
      () => 'done' as const,
      () => 'failed' as const,
    ),
    deadline,
  ]);
  clearTimeout(timer);
  if (outcome !== 'done') await forced().catch(() => undefined);
}

/** How long shutdown waits for running jobs and deliveries before closing under them. */
export const GRACEFUL_CLOSE_MS = 5_000;
