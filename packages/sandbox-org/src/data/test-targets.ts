/**
 * The data suites run twice: against the bare data harness, and against the full sandbox
 * (`startSandbox`, with OAuth tokens, counting and the control API). A target hands out fresh
 * orgs with a jsforce connection, a seeding hook and a request counter.
 */
import jsforce from 'jsforce';
import { ManualClock } from '../clock.ts';
import { startSandbox } from '../start.ts';
import type { CustomFieldSpec } from '../types.ts';
import { startDataHarness } from './test-harness.ts';

export const API_VERSION = '62.0';

export interface TargetOrg {
  conn: jsforce.Connection;
  instanceUrl: string;
  accessToken: string;
  seed(object: string, records: Record<string, unknown>[]): string[];
  addCustomField(spec: CustomFieldSpec): void;
  /** HTTP requests the org has received so far (what Salesforce would count). */
  requests(): number;
  clock: ManualClock;
}

export interface Target {
  name: string;
  newOrg(): Promise<TargetOrg>;
  close(): Promise<void>;
}

const connect = (instanceUrl: string, accessToken: string): jsforce.Connection => new jsforce.Connection({ instanceUrl, accessToken, version: API_VERSION });

/** The data routes alone, behind the test harness. */
export async function harnessTarget(): Promise<Target> {
  const harness = await startDataHarness();
  return {
    name: 'harness',
    async newOrg() {
      const { org, accessToken, requests } = harness.newOrg();
      return {
        conn: connect(harness.url, accessToken),
        instanceUrl: harness.url,
        accessToken,
        seed: (object, records) => {
          const result = org.seed(object, records);
          if ('error' in result) throw new Error(`${result.error.errorCode}: ${result.error.message}`);
          return result.ids;
        },
        addCustomField: (spec) => {
          const result = org.addCustomField(spec);
          if ('error' in result) throw new Error(result.error.message);
        },
        requests,
        clock: harness.clock,
      };
    },
    close: () => harness.close(),
  };
}

/** The whole sandbox org server, as the product's tests will use it. */
export async function sandboxTarget(): Promise<Target> {
  const clock = new ManualClock();
  const sandbox = await startSandbox({ clock });
  return {
    name: 'sandbox',
    async newOrg() {
      const info = sandbox.control.createOrg({ dailyLimit: 1_000_000 });
      return {
        conn: connect(info.instanceUrl, info.accessToken),
        instanceUrl: info.instanceUrl,
        accessToken: info.accessToken,
        seed: (object, records) => sandbox.control.seed(info.orgId, object, records).ids,
        addCustomField: (spec) => {
          sandbox.control.addCustomFields(info.orgId, spec);
        },
        requests: () => sandbox.control.groundTruth(info.orgId, { limit: 1 }).total,
        clock,
      };
    },
    close: () => sandbox.close(),
  };
}

/** Both targets, for `describe.each`. */
export const TARGETS: Array<[string, () => Promise<Target>]> = [
  ['harness', harnessTarget],
  ['sandbox', sandboxTarget],
];
