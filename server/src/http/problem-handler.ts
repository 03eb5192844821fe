/** Turns every error into RFC 9457 problem+json (Salesforce's error array for Salesforce clients); bad input is a 4xx, never a 5xx. */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import { Problem } from '../errors.ts';
import { validationError } from './contract-validation.ts';
import { isStoreFailure, storeUnavailable } from '../state/store-unavailable.ts';
import { isSalesforceClientPath, SALESFORCE_JSON, toSalesforceError } from '../passthrough/salesforce-errors.ts';
// The request fields read below (`principal`, `org`) are declared by these modules.
import type {} from '../access/principal.ts';
import type {} from './org-scope.ts';

export const PROBLEM_JSON = 'application/problem+json';

/**
 * Send a Problem with its headers: as problem+json, or, on the paths Salesforce clients use, as
 * Salesforce's error array (passthrough/salesforce-errors.ts), whose detail may be shorter, so the
 * problem is logged there.
 */
export function sendProblem(reply: FastifyReply, problem: Problem, request: FastifyRequest): FastifyReply {
  if (isSalesforceClientPath(request.url)) {
    const orgRefused = request.principal !== undefined && request.org === undefined;
    const { status, body } = toSalesforceError(problem, { orgRefused });
    request.log.info({ problem: problem.code, detail: problem.message, status }, 'salesforce client refused');
    return reply.code(status).headers(problem.headers).type(SALESFORCE_JSON).send(JSON.stringify(body));
  }
  return reply
    .code(problem.status)
    .headers(problem.headers)
    .type(PROBLEM_JSON)
    .send(problem.toJSON(request.url.split('?')[0]));
}

function toProblem(error: FastifyError): Problem {
  if (error instanceof Problem) return error;
  if (error.validation) {
    const errors = error.validation.slice(0, 50).map((v) => validationError(error.validationContext ?? 'request', v as ErrorObject));
    return new Problem('VALIDATION_FAILED', `Invalid ${errors[0]?.location}: ${errors[0]?.message}`, { errors });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new Problem('MALFORMED_JSON', error.message);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem('BODY_TOO_LARGE', error.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new Problem('UNSUPPORTED_MEDIA_TYPE', error.message);
  }
  if (error instanceof SyntaxError) return new Problem('MALFORMED_JSON', error.message);
  if (isStoreFailure(error)) return storeUnavailable(error, 'Our store did not answer; try again shortly.');
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return new Problem('VALIDATION_FAILED', error.message);
  }
  return new Problem('INTERNAL', 'An unexpected error occurred; it has been logged.');
}

/** Install the error and not-found handlers on an app. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, problem, request);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, new Problem('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`), request));
}

/**
 * Bytes Node's HTTP parser refused (a broken request line, header or framing) never reach a route:
 * answer them with problem+json as well, then close. The raw bytes are not logged: they may hold a key.
 */
export function clientErrorHandler(this: FastifyInstance, error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new Problem('HEADERS_TOO_LARGE', 'The request headers exceed the size limit.')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new Problem('REQUEST_TIMEOUT', 'The request was not received in time.')
        : new Problem('VALIDATION_FAILED', `The request is not valid HTTP (${String(error.code ?? 'parse error')}).`);
  this.log.debug({ code: error.code, status: problem.status }, 'client error');
  if (socket.writable) {
    const body = JSON.stringify(problem.toJSON());
    socket.write(`HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}\r\nContent-Type: ${PROBLEM_JSON}; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
