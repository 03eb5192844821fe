/**
 * The comparison every fault test ends with: calls the sandbox counted for an org (its ground truth)
 * against our `used` from GET /v1/orgs/{id}/usage, once both sides have settled.
 */
import type { RunningSandbox } from '../support/sandbox.ts';
import type { RunningApi } from './api.ts';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Our `used` as the usage route reports it. */
export async function usedOf(api: RunningApi, orgId: string): Promise<number> {
  const response = await fetch(`${api.url}/v1/orgs/${orgId}/usage`, { headers: { authorization: `Bearer ${api.adminKey}` } });
  if (response.status !== 200) throw new Error(`usage failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { used: number }).used;
}

/**
 * Both counts once settled: our background settle work is drained, and the sandbox's count has stopped
 * moving (a call we abandoned on a timeout is written to its ground truth when its socket closes).
 */
export async function settledCounts(api: RunningApi, sandbox: RunningSandbox, orgId: string, sfOrgId: string): Promise<{ sandbox: number; used: number }> {
  let previous = -1;
  for (let round = 0; round < 100; round++) {
    await api.services.settled();
    const counted = sandbox.control.groundTruth(sfOrgId).counted;
    if (counted === previous) break;
    previous = counted;
    await pause(100);
  }
  await api.services.settled();
  return { sandbox: sandbox.control.groundTruth(sfOrgId).counted, used: await usedOf(api, orgId) };
}
