/** Turns every error into RFC 9457 problem+json; bad input is a 4xx, never a 5xx. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from '../errors.ts';

export const PROBLEM_JSON = 'application/problem+json';

/** Send a Problem with its headers. */
export function sendProblem(reply: FastifyReply, problem: Problem, request: FastifyRequest): FastifyReply {
  return reply
    .code(problem.status)
    .headers(problem.headers)
    .type(PROBLEM_JSON)
    .send(problem.toJSON(request.url.split('?')[0]));
}

function toProblem(error: FastifyError): Problem {
  if (error instanceof Problem) return error;
  if (error.validation) {
    const errors = error.validation.map((v) => ({ location: `${error.validationContext ?? 'request'}${v.instancePath}`, message: v.message ?? 'invalid' }));
    return new Problem('VALIDATION_FAILED', error.message, { errors });
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
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, new Problem('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`), request),
  );
}
