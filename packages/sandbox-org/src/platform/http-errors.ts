/**
 * Hostile input never earns a 500: malformed JSON, oversized bodies, unknown routes and wrong
 * methods get Salesforce's error array (or, under /_sandbox, the control API's `{error, message}`).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { sendNotFound, sendSfError } from '../errors.ts';
import { ControlError } from './control-error.ts';
import { describeZodError } from './control-schemas.ts';

const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;

/** True for the control API's paths, which answer in their own shape. */
export function isControlPath(url: string): boolean {
  return url === '/_sandbox' || url.startsWith('/_sandbox/') || url.startsWith('/_sandbox?');
}

/** Send the control API's error shape. */
export function sendControlError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ error: code, message });
}

/** 405 when the path exists for another method, else 404, in the shape the path's API uses. */
export function replyNotFound(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const query = request.url.indexOf('?');
  const path = query === -1 ? request.url : request.url.slice(0, query);
  const allowed: string[] = METHODS.filter((method) => method !== request.method && app.findRoute({ method, url: path }) !== null);
  const control = isControlPath(path);
  if (allowed.length > 0) {
    if (allowed.includes('GET')) allowed.push('HEAD');
    const message = `HTTP Method '${request.method}' not allowed. Allowed are ${allowed.join(',')}`;
    reply.header('allow', allowed.join(', '));
    return control ? sendControlError(reply, 405, 'METHOD_NOT_ALLOWED', message) : sendSfError(reply, 405, 'METHOD_NOT_ALLOWED', message);
  }
  return control ? sendControlError(reply, 404, 'NOT_FOUND', `no control route ${request.method} ${path}`) : sendNotFound(reply);
}

/** Map an error thrown anywhere to a status and Salesforce error code (or a control error). */
function classify(error: FastifyError): { status: number; code: string; message: string } {
  if (error instanceof ControlError) return { status: error.status, code: error.code, message: error.message };
  if (error instanceof ZodError) return { status: 400, code: 'INVALID_INPUT', message: describeZodError(error) };
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'JSON_PARSER_ERROR', message: error.message };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'REQUEST_ENTITY_TOO_LARGE', message: 'Request body is larger than the sandbox accepts' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: error.message };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, code: 'JSON_PARSER_ERROR', message: error.message };
  }
  const status = error.statusCode ?? 500;
  if (error instanceof SyntaxError && status === 400) return { status, code: 'JSON_PARSER_ERROR', message: error.message };
  if (error.validation) return { status: 400, code: 'INVALID_FIELD', message: error.message };
  if (status >= 400 && status < 500) return { status, code: status === 404 ? 'NOT_FOUND' : 'INVALID_REQUEST', message: error.message };
  // A bug in the sandbox: say so (tests read this), but keep Salesforce's shape.
  return { status: 500, code: 'UNKNOWN_EXCEPTION', message: `An unexpected error occurred in the sandbox: ${error.message}` };
}

/** Errors Fastify raises while routing, before any hook runs (bad percent-encoding, over-long path parameter). */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : error.code === 'FST_ERR_BAD_URL' ? 404 : 400;
  const code = status === 414 ? 'URI_TOO_LONG' : status === 404 ? 'NOT_FOUND' : 'INVALID_REQUEST';
  const message = status === 404 ? 'The requested resource does not exist' : error.message;
  if (isControlPath(request.url)) sendControlError(reply, status, code, message);
  else sendSfError(reply, status, code, message);
}

/** Install the error handler and the root not-found handler. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, code, message } = classify(error);
    if (status >= 500) request.log.error({ err: error }, 'sandbox error');
    if (isControlPath(request.url)) return sendControlError(reply, status, code, message);
    return sendSfError(reply, status, code, message);
  });
  app.setNotFoundHandler((request, reply) => replyNotFound(app, request, reply));
}
