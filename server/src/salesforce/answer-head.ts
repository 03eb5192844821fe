/**
 * The start of a streamed answer, read without losing it: an error answer's first bytes say whether
 * Salesforce counted the call and whether it refused the session (INVALID_SESSION_ID,
 * REQUEST_LIMIT_EXCEEDED), and the client must still get every byte. Bounded, so a large body is
 * never held: at most `limit` bytes (plus one chunk) are read ahead.
 */
import { PassThrough, Readable, pipeline } from 'node:stream';

/** How much of an error answer is read before it is settled; Salesforce's error bodies are far smaller. */
export const ERROR_HEAD_BYTES = 64 * 1024;

/**
 * The first `limit` bytes of `stream` (or all of it, when shorter: `complete`) and a stream of every
 * byte, those included.
 */
export async function readHead(stream: Readable, limit: number): Promise<{ head: Buffer; body: Readable; complete: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const ended = await new Promise<boolean>((resolve, reject) => {
    const stop = (): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      size += chunk.length;
      if (size < limit) return;
      stop();
      stream.pause();
      resolve(false);
    };
    const onEnd = (): void => {
      stop();
      resolve(true);
    };
    const onError = (error: Error): void => {
      stop();
      reject(error);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
  const head = Buffer.concat(chunks);
  if (ended) return { head, body: Readable.from(head.length > 0 ? [head] : [], { objectMode: false }), complete: true };
  const body = new PassThrough();
  body.write(head);
  // Errors either way destroy both: a broken answer breaks the client's response, a gone client closes the answer.
  pipeline(stream, body, () => undefined);
  return { head, body, complete: false };
}
