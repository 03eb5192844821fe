/**
 * The errors the Bulk API 2.0 resources answer, all in one place, in Salesforce's shape: a JSON
 * array `[{"errorCode": …, "message": …}]` (which jsforce's bulk2 client reads as an error).
 * Codes follow the Bulk API 2.0 error list (InvalidJob, InvalidJobState, …, written upper case on
 * the wire); the exact messages of a real org are unconfirmed and kept short.
 */
import type { FastifyReply } from 'fastify';
import { sendSfError } from '../errors.ts';
import type { JobState } from './jobs.ts';

/** One refusal: status, code, message. */
export interface BulkError {
  status: number;
  errorCode: string;
  message: string;
}

/** Send a refusal. */
export function sendBulkError(reply: FastifyReply, error: BulkError): FastifyReply {
  return sendSfError(reply, error.status, error.errorCode, error.message);
}

/** No job with this id (of this kind) in the org. */
export const jobNotFound = (): BulkError => ({ status: 404, errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' });

/** A job definition Salesforce refuses when the job is created. */
export const invalidJob = (message: string): BulkError => ({ status: 400, errorCode: 'INVALIDJOB', message });

/** A request that this job's state does not allow. */
export const invalidJobState = (message: string): BulkError => ({ status: 409, errorCode: 'INVALIDJOBSTATE', message });

/** A state change the job's current state does not allow. */
export const badTransition = (from: JobState, to: string): BulkError => invalidJobState(`Invalid state transition from ${from} to ${to}`);

/** A body that is not the JSON a resource expects. */
export const jsonParserError = (message: string): BulkError => ({ status: 400, errorCode: 'JSON_PARSER_ERROR', message });

/** Job data sent with a content type other than CSV. */
export const unsupportedContentType = (type: string): BulkError => ({
  status: 400,
  errorCode: 'INVALIDJOB',
  message: `Unsupported content type for job data: ${type || '(none)'}; send text/csv`,
});

/** An upload over the documented size (see upload.ts). */
export const uploadTooLarge = (limitBytes: number): BulkError => ({
  status: 413,
  errorCode: 'EXCEEDED_MAX_SIZE_REQUEST',
  message: `Job data exceeds the maximum of ${limitBytes} bytes of base64-encoded content per upload`,
});

/** Query results asked for with a locator this job never handed out. */
export const invalidLocator = (locator: string): BulkError => ({ status: 400, errorCode: 'INVALID_QUERY_LOCATOR', message: `Invalid locator: ${locator}` });
