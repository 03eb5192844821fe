/**
 * TRUST_PROXY as Fastify's `trustProxy` takes it: which hops' X-Forwarded-For decide `request.ip`.
 * Off by default, so a client cannot choose its own address (and its failed-key counter).
 */
import { isIP } from 'node:net';

/** `false`/`true`, a hop count, or the proxies' addresses and CIDRs. */
export type TrustProxy = boolean | number | string[];

function isAddressOrCidr(value: string): boolean {
  const [address = '', prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Parse the setting; undefined when it is none of the accepted forms. */
export function parseTrustProxy(raw: string): TrustProxy | undefined {
  const value = raw.trim().toLowerCase();
  if (value === 'false' || value === '') return false;
  if (value === 'true') return true;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.length > 0 && entries.every(isAddressOrCidr) ? entries : undefined;
}

/**
 * The setting as Fastify takes it. Fastify 5 ignores a bare hop count (it cannot check who the nearest
 * hop is), so a count becomes a function trusting exactly that many hops, as Express does: right only
 * when the instance is reachable solely through those proxies; addresses/CIDRs are the safer form.
 */
export function trustProxyOption(setting: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}
