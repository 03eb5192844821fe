/**
 * Encrypts secrets at rest (Salesforce credentials) with AES-256-GCM. Several keys may be configured
 * for rotation: the first encrypts, any of them decrypts (the key id travels with the ciphertext).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
  /** Id of the key new secrets are sealed with. */
  currentKeyId: string;
  /** A 32-byte key for another purpose (e.g. signing), derived from keyring key `keyId` (default: current). */
  derive(purpose: string, keyId?: string): Buffer | undefined;
}

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

/** Parse `id1:base64key,id2:base64key` (each key 32 bytes). */
export function parseKeyring(spec: string): Map<string, Buffer> {
  const ring = new Map<string, Buffer>();
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [id, material] = part.split(':');
    if (!id || !material || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new SecretBoxError(`encryption key entry "${id ?? ''}" must look like id:base64key`);
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32) throw new SecretBoxError(`encryption key "${id}" must be 32 bytes (base64 of 32 random bytes)`);
    ring.set(id, key);
  }
  if (ring.size === 0) throw new SecretBoxError('no encryption key given');
  return ring;
}

/** A box over a keyring; the first key seals. */
export function createSecretBox(ring: Map<string, Buffer>): SecretBox {
  const [currentKeyId, currentKey] = [...ring.entries()][0]!;
  return {
    currentKeyId,
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      cipher.setAAD(Buffer.from(currentKeyId));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', currentKeyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    derive(purpose, keyId = currentKeyId) {
      const key = ring.get(keyId);
      return key ? Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `callbudget:${purpose}`, 32)) : undefined;
    },
    open(sealed) {
      const [version, keyId, iv, tag, body] = sealed.split('.');
      const key = keyId ? ring.get(keyId) : undefined;
      if (version !== 'v1' || !key || !iv || !tag || body === undefined) throw new SecretBoxError(`cannot open secret sealed with key "${keyId ?? '?'}"`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(keyId!));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/** A one-process key for embedded mode, where nothing outlives the process anyway. */
export function ephemeralKeyring(): Map<string, Buffer> {
  return new Map([['ephemeral', randomBytes(32)]]);
}
