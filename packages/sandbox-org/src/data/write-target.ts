/**
 * What the writes need of an org: its catalogue, store, id minter, clock and user. SandboxOrg
 * implements it; the writes depend on this rather than on SandboxOrg, which calls them.
 */
import type { Clock } from '../types.ts';
import type { Catalogue } from './catalogue.ts';
import type { IdMinter } from './ids.ts';
import type { RecordStore } from './record-store.ts';

/** The part of a sandbox org that creates, updates and deletes records. */
export interface WriteTarget {
  readonly clock: Clock;
  readonly userId: string;
  readonly catalogue: Catalogue;
  readonly store: RecordStore;
  readonly minter: IdMinter;
  /** The next SystemModstamp, strictly after every earlier one in this org. */
  nextStamp(): string;
}
