/**
 * HTTP plumbing shared by the Bulk routes: body parsing (JSON for job definitions, the raw stream
 * for anything else so CSV uploads are never buffered), the org of a request, JSON answers.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SandboxOrg } from '../data/org-data.ts';
import { SF_JSON } from '../errors.ts';
import { jsonParserError, type BulkError } from './bulk-errors.ts';
import { jobsOf, type BulkJobs } from './jobs.ts';

/** A JSON body that did not parse; answered as JSON_PARSER_ERROR. */
export class BulkJsonError extends Error {}

/**
 * Body parsers of the Bulk scope: JSON is read as text and parsed here (bad JSON → our error, an
 * empty body → undefined); every other type is handed to the route as the request stream itself.
 */
export function installBodyParsers(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    const body = String(text);
    if (body.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body));
    } catch (e) {
      done(new BulkJsonError((e as Error).message), undefined);
    }
  });
  scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
}

/** Read and drop what is left of a request body (so the client gets our answer, not a reset). */
export async function discard(body: unknown): Promise<void> {
  if (!(body instanceof Readable)) return;
  for await (const chunk of body) void chunk;
}

/** The job definition object of a request, or the error to answer. */
export async function jsonObject(request: FastifyRequest): Promise<Record<string, unknown> | BulkError> {
  const body = request.body;
  if (body instanceof Readable) {
    await discard(body);
    return jsonParserError(`Unsupported content type: ${request.headers['content-type'] ?? '(none)'}; send application/json`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return jsonParserError('The request body must be a JSON object');
  return body as Record<string, unknown>;
}

/** True for a refusal rather than a value. */
export function isBulkError(x: unknown): x is BulkError {
  return typeof x === 'object' && x !== null && 'errorCode' in x && 'status' in x;
}

/** The org a request was authenticated for (set by the platform's gate). */
export function orgOf(request: FastifyRequest): SandboxOrg {
  const data = request.sandbox.data;
  if (!(data instanceof SandboxOrg)) throw new Error('request.sandbox.data was not created by createOrgData');
  return data;
}

/** The org's job table. */
export function jobsFor(request: FastifyRequest): BulkJobs {
  return jobsOf(orgOf(request));
}

/** Answer JSON with Salesforce's content type. */
export function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).type(SF_JSON).send(JSON.stringify(body));
}
