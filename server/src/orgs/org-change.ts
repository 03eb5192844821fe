/**
 * Changing an org's settings without losing anyone's change: each write is a compare-and-set on the
 * version the change was computed from. When someone else wrote first, a change that still makes
 * sense on the newer version is computed again on it (a few times); otherwise the caller gets 409
 * (or 412 when it asked for one version with If-Match).
 */
import { Problem } from '../errors.ts';
import type { OrgRepository } from './org-repository.ts';
import type { Org } from './org.ts';

/** How often a change is recomputed on a newer version before the caller is told to retry. */
export const MAX_CHANGE_ATTEMPTS = 5;

export interface ChangeOptions {
  /** The caller named this version (If-Match): no recomputing; a lost race is 412. */
  exact?: boolean;
  /** Whether the change, prepared against `start`, may be applied to a newer version too. */
  stillApplies?: (current: Org, start: Org) => boolean;
  now?: Date;
}

/** Write `apply(org)` as the org's next revision; returns the version it was applied to and the result. */
export async function changeOrg(orgs: OrgRepository, start: Org, apply: (current: Org) => Org, options: ChangeOptions = {}): Promise<{ before: Org; after: Org }> {
  let current = start;
  for (let attempt = 1; ; attempt++) {
    const after: Org = { ...apply(current), id: current.id, incarnation: current.incarnation, revision: current.revision + 1, updatedAt: (options.now ?? new Date()).toISOString() };
    const result = await orgs.replace(current, after);
    if (result === 'swapped') return { before: current, after };
    if (options.exact) throw new Problem('PRECONDITION_FAILED', 'The org changed since the version named in If-Match; read it again.');
    const fresh = await orgs.get(start.id, { fresh: true });
    if (result === 'missing' || !fresh) throw new Problem('NOT_FOUND', `No org ${start.id}.`);
    if (fresh.incarnation !== start.incarnation) throw new Problem('CONFLICT', `Org ${start.id} was deleted and created again while this change was made.`);
    if (attempt >= MAX_CHANGE_ATTEMPTS || (options.stillApplies && !options.stillApplies(fresh, start))) {
      throw new Problem('CONFLICT', `Org ${start.id} was changed by someone else while this change was made; read it again and retry.`);
    }
    current = fresh;
  }
}
