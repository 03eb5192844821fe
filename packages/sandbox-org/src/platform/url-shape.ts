/**
 * Salesforce serves a path with doubled slashes as if they were single: the Salesforce CLI keeps
 * instance URLs with a trailing slash and sends `//services/data/…`, and sfdx-core's own
 * `determineIfDevHub` sent `https://host//services/data/v51.0/query…` to every real org for years
 * (forcedotcom/sfdx-core PR #1310, 2026). The sandbox collapses them before routing.
 */

/** The request target with every run of slashes in its path collapsed to one; the query is untouched. */
export function collapseSlashes(url: string): string {
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  if (!path.includes('//')) return url;
  const collapsed = path.replace(/\/{2,}/g, '/');
  return query === -1 ? collapsed : collapsed + url.slice(query);
}
