/**
 * Salesforce Files' blob download, `GET /services/data/vXX.X/sobjects/ContentVersion/{id}/VersionData`:
 * the file's bytes as `application/octet-stream` with a Content-Length, one counted call however
 * large (Files reach 2 GB). The bytes are generated on the fly from the record id (an AES-128-CTR
 * keystream: deterministic, incompressible, fast) and never held, so a test can download 600 MB
 * from a sandbox in its own process and hash both ends with contentVersionBytes.
 * Records are made through the control API (`addContentVersion`); there is no upload here.
 */
import { createCipheriv, createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { sendNotFound } from '../errors.ts';
import { IdMinter, normalizeId } from './ids.ts';

/** ContentVersion's key prefix. */
const KEY_PREFIX = '068';
const CHUNK_BYTES = 64 * 1024;
const ZEROS = Buffer.alloc(CHUNK_BYTES);

/** What the control API takes: a title and the file's size (up to Salesforce Files' 2 GB). */
export const contentVersionSpecSchema = z.strictObject({
  title: z.string().min(1).max(255),
  sizeBytes: z
    .number()
    .int()
    .min(0)
    .max(2 * 1024 ** 3),
});
export type ContentVersionSpec = z.infer<typeof contentVersionSpecSchema>;

interface OrgFiles {
  minter: IdMinter;
  versions: Map<string, ContentVersionSpec>;
}

/** Per org (keyed by its data object, which lives exactly as long as the org). */
const files = new WeakMap<object, OrgFiles>();

function filesOf(orgData: object, seed: string): OrgFiles {
  let found = files.get(orgData);
  if (!found) files.set(orgData, (found = { minter: new IdMinter(`${seed}/files`), versions: new Map() }));
  return found;
}

/** Add a ContentVersion to the org whose data object is `orgData`; returns its 18-character id. */
export function addContentVersion(orgData: object, orgId: string, spec: ContentVersionSpec): string {
  const orgFiles = filesOf(orgData, orgId);
  const id = orgFiles.minter.next(KEY_PREFIX);
  orgFiles.versions.set(id, { ...spec });
  return id;
}

/** The bytes of ContentVersion `id` of `sizeBytes` bytes, generated as they are read (backpressured). */
export function contentVersionBytes(id: string, sizeBytes: number): Readable {
  const key = createHash('sha256').update(`ContentVersion/${id}`).digest().subarray(0, 16);
  const keystream = createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
  let left = sizeBytes;
  return new Readable({
    read() {
      if (left === 0) return void this.push(null);
      const size = Math.min(CHUNK_BYTES, left);
      left -= size;
      this.push(keystream.update(ZEROS.subarray(0, size)));
    },
  });
}

/** The VersionData route, registered with the data routes (inside the data scope's gate: authenticated, counted). */
export const contentVersionRoutes: FastifyPluginAsync = async (fastify) => {
  fastify.get<{ Params: { id: string } }>('/sobjects/ContentVersion/:id/VersionData', async (request, reply) => {
    const id = normalizeId(request.params.id);
    const spec = id === undefined ? undefined : files.get(request.sandbox.data)?.versions.get(id);
    if (!id || !spec) return sendNotFound(reply);
    return reply.type('application/octet-stream').header('content-length', String(spec.sizeBytes)).send(contentVersionBytes(id, spec.sizeBytes));
  });
};
