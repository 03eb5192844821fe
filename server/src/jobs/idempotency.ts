/**
 * Idempotency-Key on pushes (after Stripe and the IETF httpapi draft): the key, scoped to the org, is
 * kept 24 h with the request's fingerprint and the id of the job it made. The job id is derived from
 * the key, so concurrent duplicates add one job (BullMQ keeps the first of one id); the same key with
 * another request is a 422.
 */
import { createHash } from 'node:crypto';
import { Problem } from '../errors.ts';
import { keys } from '../keys.ts';
import type { SharedState } from '../state/shared-state.ts';
import { JOB_RETENTION_MS } from './push-job.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

/** The header's value, checked: 1–255 visible ASCII characters; undefined when absent. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (KEY_SHAPE.test(value)) return value;
  throw new Problem('VALIDATION_FAILED', 'Idempotency-Key must be 1 to 255 visible ASCII characters.', { errors: [{ location: 'headers/idempotency-key', message: '1 to 255 visible ASCII characters' }] });
}

/** JSON with object keys sorted, so one request spelled in another key order has one fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

interface KeyRecord {
  fingerprint: string;
  jobId: string;
}

/** The job id for `key` of `orgId`; 422 when the key was used for another request. */
export async function claimIdempotencyKey(state: SharedState, orgId: string, key: string, request: unknown): Promise<string> {
  const keyHash = sha256(`${orgId}\n${key}`);
  const record: KeyRecord = { fingerprint: sha256(canonical(request)), jobId: `k${keyHash.slice(0, 40)}` };
  const redisKey = keys.idempotencyKey(orgId, keyHash.slice(0, 40));
  if (await state.setIfAbsent(redisKey, JSON.stringify(record), JOB_RETENTION_MS)) return record.jobId;
  const stored = await state.getJson<KeyRecord>(redisKey);
  if (stored && stored.fingerprint !== record.fingerprint) {
    throw new Problem('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for another request in the last 24 hours; use a new key for a new request.');
  }
  return record.jobId;
}
