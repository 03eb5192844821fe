/**
 * Where webhooks may be sent (SSRF): an https URL whose host resolves only to public addresses, or
 * an origin the operator listed in WEBHOOK_ALLOWED_HOSTS (which may then be http and private, e.g.
 * `http://127.0.0.1:*` in tests or an internal relay). The check runs twice: when an endpoint is
 * saved (scheme, credentials in the URL, literal addresses, localhost), and at every delivery on the
 * addresses the name resolves to right then, inside the socket's own lookup, so a name that later
 * resolves to 10.0.0.1 (DNS rebinding) is refused before a byte is sent.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { originAllowed } from '../http/origins.ts';

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 127],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** Whether an IP address is loopback, private, link-local, reserved or multicast. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) return address.toLowerCase().startsWith('::ffff:') || blocked.check(address, 'ipv6');
  return true;
}

/** Why `url` may not be a webhook endpoint, or undefined when it may. */
export function webhookUrlProblem(url: string, allowedOrigins: readonly string[]): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'must be an https URL';
  if (parsed.username || parsed.password) return 'must not carry credentials';
  if (originAllowed(parsed.origin, allowedOrigins)) return undefined;
  if (parsed.protocol !== 'https:') return 'must be https (or an origin in WEBHOOK_ALLOWED_HOSTS)';
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || (!host.includes('.') && !isIP(host))) return 'must name a public host';
  if (isIP(host) && isPrivateAddress(host)) return 'must not be a private, loopback or reserved address (or an origin in WEBHOOK_ALLOWED_HOSTS)';
  return undefined;
}

/** Raised inside the socket's lookup: the name resolved to an address we do not send to. */
export class PrivateAddressError extends Error {
  override name = 'PrivateAddressError';
  readonly code = 'EPRIVATEADDRESS';
}

/** A socket lookup that refuses private addresses (for origins not in WEBHOOK_ALLOWED_HOSTS). */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad || addresses.length === 0) return callback(new PrivateAddressError(`${hostname} resolves to ${bad?.address ?? 'nothing'}, which webhooks are not sent to`), '', 0);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    return callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};
