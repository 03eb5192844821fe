/** Salesforce-shaped error replies: a JSON array, with the exact content type jsforce parses. */
import type { FastifyReply } from 'fastify';
import type { SfErrorBody } from './types.ts';

export const SF_JSON = 'application/json;charset=UTF-8';

/** Send `[{message, errorCode, fields?}]` with the given status. */
export function sendSfError(reply: FastifyReply, status: number, errorCode: string, message: string, fields?: string[]): FastifyReply {
  const body: SfErrorBody = fields ? { message, errorCode, fields } : { message, errorCode };
  return reply
    .code(status)
    .type(SF_JSON)
    .send(JSON.stringify([body]));
}

/** The 404 Salesforce answers for an unknown resource. */
export function sendNotFound(reply: FastifyReply): FastifyReply {
  return sendSfError(reply, 404, 'NOT_FOUND', 'The requested resource does not exist');
}
