/**
 * One webhook POST: over node:http(s), redirects never followed (an answer is an answer), a deadline
 * on the whole exchange, at most 4 KB of the answer read, and for origins the operator did not list
 * in WEBHOOK_ALLOWED_HOSTS a socket lookup that refuses private addresses (webhook-url.ts).
 */
import http from 'node:http';
import https from 'node:https';
import { originAllowed } from '../http/origins.ts';
import { publicOnlyLookup } from './webhook-url.ts';

export interface WebhookPost {
  url: string;
  headers: Record<string, string>;
  body: string;
}

const MAX_ANSWER_BYTES = 4096;

export class WebhookTimeoutError extends Error {
  override name = 'WebhookTimeoutError';
  readonly code = 'ETIMEDOUT';
}

/** POST `post`; resolves with the answer's status, rejects on a network failure or the deadline. */
export function postWebhook(post: WebhookPost, options: { timeoutMs: number; allowedOrigins: readonly string[] }): Promise<number> {
  const url = new URL(post.url);
  const transport = url.protocol === 'https:' ? https : http;
  const trusted = originAllowed(url.origin, options.allowedOrigins);
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: 'POST',
        headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
        agent: false,
        ...(trusted ? {} : { lookup: publicOnlyLookup }),
      },
      (response) => {
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_ANSWER_BYTES) response.destroy();
        });
        response.on('close', () => {
          clearTimeout(deadline);
          resolve(response.statusCode ?? 0);
        });
        response.on('error', () => undefined);
      },
    );
    const deadline = setTimeout(() => request.destroy(new WebhookTimeoutError(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    request.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    request.end(post.body);
  });
}
