/** Salesforce's discovery resources: the API versions list and the resources map of one version. */

/** Newest version the sandbox lists (Winter '25). */
export const LATEST_API_VERSION = 62;
/** Oldest version the sandbox lists (Summer '14). */
export const OLDEST_API_VERSION = 31;

const SEASONS = ['Winter', 'Spring', 'Summer'] as const;

/** Release label of an API version, e.g. 62 → "Winter '25" (three releases a year; 62.0 was Winter '25). */
export function releaseLabel(major: number): string {
  const offset = major - 62;
  const season = SEASONS[((offset % 3) + 3) % 3];
  const year = 25 + Math.floor(offset / 3);
  return `${season} '${String(year).padStart(2, '0')}`;
}

/** `GET /services/data/`: every supported version, oldest first, as Salesforce lists them. */
export function versionsList(): { label: string; url: string; version: string }[] {
  const out = [];
  for (let major = OLDEST_API_VERSION; major <= LATEST_API_VERSION; major++) {
    const version = `${major}.0`;
    out.push({ label: releaseLabel(major), url: `/services/data/v${version}`, version });
  }
  return out;
}

const RESOURCES = [
  'tooling',
  'metadata',
  'eclair',
  'folders',
  'prechatForms',
  'contact-tracing',
  'jsonxform',
  'chatter',
  'tabs',
  'appMenu',
  'quickActions',
  'queryAll',
  'commerce',
  'wave',
  'iot',
  'analytics',
  'search',
  'composite',
  'parameterizedSearch',
  'fingerprint',
  'theme',
  'nouns',
  'domino',
  'event',
  'serviceTemplates',
  'recent',
  'connect',
  'licensing',
  'limits',
  'process',
  'dedupe',
  'async-queries',
  'query',
  'match',
  'emailConnect',
  'compactLayouts',
  'knowledgeManagement',
  'sobjects',
  'actions',
  'support',
] as const;

/** `GET /services/data/vXX.X/`: resource name → URL, plus `identity` (the id URL of the caller). */
export function resourcesMap(apiVersion: string, identityUrl: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const name of RESOURCES) map[name] = `/services/data/v${apiVersion}/${name}`;
  map.identity = identityUrl;
  return map;
}
