/** Builds the RS256 JWT bearer assertion Salesforce's OAuth JWT flow expects. */
import { createSign } from 'node:crypto';

const base64url = (input: string | Buffer): string => Buffer.from(input).toString('base64url');

/** Sign `{iss: clientId, sub: username, aud: loginUrl, exp}` with the connected app's private key. */
export function jwtBearerAssertion(opts: { clientId: string; username: string; audience: string; privateKey: string; now?: number }): string {
  const now = Math.floor((opts.now ?? Date.now()) / 1000);
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64url(JSON.stringify({ iss: opts.clientId, sub: opts.username, aud: opts.audience, exp: now + 180 }));
  const signer = createSign('RSA-SHA256');
  signer.update(`${header}.${claims}`);
  return `${header}.${claims}.${signer.sign(opts.privateKey).toString('base64url')}`;
}
