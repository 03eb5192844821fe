/** The shapes the request generators produce and the world they need to know about. */
import type { HostileKeys } from '../support.ts';

/** One generated request; `invalid` names the parts that were made invalid on purpose. */
export interface FuzzRequest {
  route: string;
  invalid: string[];
  method: string;
  /** Path and query as handed to inject (which normalises the URL as WHATWG URL does). */
  url: string;
  headers: Record<string, string | string[]>;
  payload?: string | Buffer | { huge: number };
  remoteAddress: string;
  /** Problem codes the answer may carry: one per invalid part (the first check that fails wins). */
  expected: string[];
}

/** What the generators need from the fuzzed world: the org, its neighbour, keys of every kind. */
export interface FuzzContext {
  orgId: string;
  otherOrgId: string;
  keys: HostileKeys;
  /** Remote addresses the fuzz claims to come from (never 127.0.0.1, shared with other tests). */
  addresses: string[];
}

/** A part of a request that can be made invalid. */
export type PartName = 'auth' | 'org' | 'miss' | 'relationship' | 'direction' | 'body' | 'contentType' | 'query' | 'keyId' | 'ptPath' | 'ptHeader' | 'ptPriority' | 'ptQuery' | 'ptMethod' | 'huge';
