/**
 * API keys: a secret shown once, stored as a SHA-256 hash (the secret is 256 random bits, so a slow
 * hash adds nothing), compared in constant time. The key id in the secret finds the record; the
 * secret's shape is one of two formats (key-format.ts).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { keys } from '../keys.ts';
import type { SharedState } from '../state/shared-state.ts';
import { newSecret, parseSecret, type KeyFormat } from './key-format.ts';
import type { KeyKind, Principal, Role } from './principal.ts';

export interface ApiKeyRecord {
  id: string;
  orgId: string;
  /** The org incarnation the key was issued for (absent on keys issued before incarnations existed). */
  incarnation?: string;
  kind: KeyKind;
  role?: Role;
  name: string;
  /** The secret's shape (absent on keys issued before formats existed: `callbudget`). */
  format?: KeyFormat;
  hash: string;
  createdAt: string;
  createdBy: string;
  expiresAt?: string;
  revokedAt?: string;
}

/** What the API shows of a key: neither its hash nor the org incarnation (internal); always its format. */
export type ApiKeyView = Omit<ApiKeyRecord, 'hash' | 'incarnation' | 'format'> & { format: KeyFormat };

const hashOf = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Neither revoked nor expired. */
export function keyIsLive(record: ApiKeyRecord, now = Date.now()): boolean {
  return !record.revokedAt && !(record.expiresAt && Date.parse(record.expiresAt) <= now);
}

/** The record as the API shows it. */
export function keyView(record: ApiKeyRecord): ApiKeyView {
  const { hash: _hash, incarnation: _incarnation, format, ...view } = record;
  return { ...view, format: format ?? 'callbudget' };
}

export interface ApiKeys {
  /** `salesforceOrgId`: the org's connected Salesforce org id, the prefix of a `salesforce`-format secret. */
  issue(
    input: { orgId: string; incarnation?: string; kind: KeyKind; role?: Role; name: string; format?: KeyFormat; salesforceOrgId?: string; expiresAt?: string; createdBy: string },
    now?: Date,
  ): Promise<{ record: ApiKeyRecord; secret: string }>;
  /** The principal a secret stands for, or undefined when unknown, revoked or expired. */
  resolve(secret: string, now?: number): Promise<Principal | undefined>;
  list(orgId: string): Promise<ApiKeyRecord[]>;
  get(orgId: string, keyId: string): Promise<ApiKeyRecord | undefined>;
  revoke(orgId: string, keyId: string, now?: Date): Promise<boolean>;
  removeAll(orgId: string): Promise<void>;
}

/** Create the key store over shared state. */
export function createApiKeys(state: SharedState): ApiKeys {
  const load = (keyId: string): Promise<ApiKeyRecord | undefined> => state.getJson<ApiKeyRecord>(keys.apiKey(keyId));
  return {
    async issue(input, now = new Date()) {
      const id = randomBytes(8).toString('hex');
      const format = input.format ?? 'callbudget';
      const { secret, hashed } = newSecret(format, id, input.salesforceOrgId);
      const record: ApiKeyRecord = {
        id,
        orgId: input.orgId,
        kind: input.kind,
        name: input.name,
        format,
        hash: hashOf(hashed),
        createdAt: now.toISOString(),
        createdBy: input.createdBy,
        ...(input.incarnation ? { incarnation: input.incarnation } : {}),
        ...(input.role ? { role: input.role } : {}),
        ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
      };
      await state.setJson(keys.apiKey(id), record);
      await state.addToSet(keys.orgApiKeys(input.orgId), id);
      return { record, secret };
    },
    async resolve(secret, now = Date.now()) {
      const parsed = parseSecret(secret);
      if (!parsed) return undefined;
      const record = await load(parsed.keyId);
      if (!record || (record.format ?? 'callbudget') !== parsed.format) return undefined;
      const equal = timingSafeEqual(Buffer.from(hashOf(parsed.hashed), 'hex'), Buffer.from(record.hash, 'hex'));
      if (!equal || !keyIsLive(record, now)) return undefined;
      return {
        kind: 'key',
        keyId: record.id,
        orgId: record.orgId,
        keyKind: record.kind,
        ...(record.incarnation ? { incarnation: record.incarnation } : {}),
        ...(record.role ? { role: record.role } : {}),
      };
    },
    async list(orgId) {
      const ids = await state.members(keys.orgApiKeys(orgId));
      const records = await Promise.all(ids.map(load));
      return records.filter((r): r is ApiKeyRecord => r?.orgId === orgId).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async get(orgId, keyId) {
      const record = /^[a-f0-9]{16}$/.test(keyId) ? await load(keyId) : undefined;
      return record?.orgId === orgId ? record : undefined;
    },
    async revoke(orgId, keyId, now = new Date()) {
      const record = await this.get(orgId, keyId);
      if (!record || record.revokedAt) return false;
      await state.setJson(keys.apiKey(keyId), { ...record, revokedAt: now.toISOString() });
      return true;
    },
    async removeAll(orgId) {
      const ids = await state.members(keys.orgApiKeys(orgId));
      await state.del(...ids.map((id) => keys.apiKey(id)));
    },
  };
}
