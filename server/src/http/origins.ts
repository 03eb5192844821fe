/**
 * Origin allow-lists as admins write them: exact origins, or one `*` standing for one DNS label
 * (`https://*.my.salesforce.com`). Used for CORS and for CSP frame-ancestors.
 */

/** The Salesforce origins a widget is embedded from: My Domain, Lightning, Visualforce. */
export const SALESFORCE_ORIGINS = ['https://*.my.salesforce.com', 'https://*.lightning.force.com', 'https://*.vf.force.com', 'https://*.visualforce.com', 'https://*.my.site.com'];

const PATTERN = /^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:(\d{1,5}|\*))?$/;

/** Whether a list entry is a well-formed origin pattern. */
export function isOriginPattern(value: string): boolean {
  return PATTERN.test(value);
}

/** Whether `origin` matches one of `patterns` (`:*` matches any port). */
export function originAllowed(origin: string, patterns: readonly string[]): boolean {
  const candidate = origin.toLowerCase();
  return patterns.some((raw) => {
    let pattern = raw;
    if (pattern.endsWith(':*')) {
      const port = /:(\d{1,5})$/.exec(candidate);
      if (!port) return false;
      pattern = `${pattern.slice(0, -2)}:${port[1]}`;
    }
    if (!pattern.includes('*')) return pattern.toLowerCase() === candidate;
    const [scheme, rest = ''] = pattern.toLowerCase().split('://*.');
    if (!candidate.startsWith(`${scheme}://`)) return false;
    const host = candidate.slice(scheme!.length + 3);
    const dot = host.indexOf('.');
    return dot > 0 && /^[a-z0-9-]+$/.test(host.slice(0, dot)) && host.slice(dot + 1) === rest;
  });
}

/** Where Salesforce credentials may point by default: Salesforce's login hosts and instances. */
export const SALESFORCE_HOSTS = ['https://login.salesforce.com', 'https://test.salesforce.com', 'https://*.my.salesforce.com', 'https://*.sandbox.my.salesforce.com', 'https://*.salesforce.com'];

/** The origin of a URL, or undefined when it is not an http(s) URL. */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}
