/** Entity tags of an org's settings (RFC 9110 §8.8.3) and the If-Match check (§13.1.1). */
import type { Org } from './org.ts';

/** A strong tag naming this incarnation and revision: a re-created org never matches an old tag. */
export function orgEtag(org: Org): string {
  return `"${org.incarnation}.${org.revision}"`;
}

/**
 * Whether an If-Match header lets a write to `org` proceed: `*` matches any current org; otherwise
 * one of the listed tags must equal ours by strong comparison (a weak `W/` tag never does).
 */
export function ifMatchAllows(header: string, org: Org): boolean {
  if (header.trim() === '*') return true;
  const tags: string[] = header.match(/(?:W\/)?"[^"]*"/g) ?? [];
  return tags.includes(orgEtag(org));
}
