/**
 * The answer to a streamed upload (a Bulk 2.0 CSV, a large blob) whose session Salesforce refused.
 * The session is renewed, but the body was spent on the refused attempt and cannot be sent again.
 *
 * Passing Salesforce's 401 INVALID_SESSION_ID on would be wrong: the client's token is a callbudget
 * key, which is fine, and a client seeing a 401 tries to refresh its own session (jsforce has no
 * refresh for a plain access token and fails; the CLI asks the user to log in again). A 503 is what
 * Salesforce answers when it cannot take a request right now, and what Salesforce clients retry on
 * their own: jsforce 3 and the sf CLI retry 503 for PUT (the Bulk 2.0 upload), GET, HEAD and DELETE;
 * clients that honour `Retry-After` wait a second. The retry meets the renewed session. Nothing is
 * counted: Salesforce did not count the refused attempt, and we gave back its admission.
 */
import { Readable } from 'node:stream';

/** Salesforce's JSON content type, as its clients expect it. */
const SF_JSON = 'application/json;charset=UTF-8';

/** A 503 in Salesforce's error shape, with Retry-After: 1. */
export function sessionRenewedAnswer(): { status: number; headers: Record<string, string>; body: Readable } {
  const body = JSON.stringify([{ errorCode: 'SERVER_UNAVAILABLE', message: 'The Salesforce session expired while the request body was being sent; it has been renewed. Send the request again.' }]);
  return { status: 503, headers: { 'Content-Type': SF_JSON, 'Retry-After': '1', 'Content-Length': String(Buffer.byteLength(body)) }, body: Readable.from([Buffer.from(body)], { objectMode: false }) };
}
