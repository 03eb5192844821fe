/**
 * An org's webhook endpoints: where alerts are sent, which types, in which format. The signing secret
 * is made here, handed back once, and stored sealed with the secret box like Salesforce credentials.
 */
import { randomBytes } from 'node:crypto';
import { keys } from '../keys.ts';
import { Problem } from '../errors.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { SharedState } from '../state/shared-state.ts';
import type { AlertType } from '../alerts/alert-types.ts';
import { newWebhookSecret } from './webhook-signature.ts';

export type WebhookFormat = 'json' | 'slack';

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: AlertType[];
  format: WebhookFormat;
  description?: string;
  /** The signing secret, sealed (AES-256-GCM); never shown again after creation. */
  sealedSecret: string;
  createdAt: string;
  updatedAt: string;
  /** Bumped on every change; a change is a compare-and-set on it. */
  revision: number;
}

export type EndpointFields = Pick<WebhookEndpoint, 'url' | 'events' | 'format'> & { description?: string | undefined };

export const MAX_ENDPOINTS = 10;

export interface WebhookEndpoints {
  /** A new endpoint and its secret in clear (the only time it is). */
  create(orgId: string, fields: EndpointFields, now?: Date): Promise<{ endpoint: WebhookEndpoint; secret: string }>;
  list(orgId: string): Promise<WebhookEndpoint[]>;
  get(orgId: string, id: string): Promise<WebhookEndpoint | undefined>;
  update(orgId: string, id: string, patch: Partial<EndpointFields>, now?: Date): Promise<WebhookEndpoint | undefined>;
  remove(orgId: string, id: string): Promise<boolean>;
  secretOf(endpoint: WebhookEndpoint): string;
}

/** Create the repository over shared state. */
export function createWebhookEndpoints(state: SharedState, secretBox: SecretBox): WebhookEndpoints {
  const get = (orgId: string, id: string): Promise<WebhookEndpoint | undefined> => state.getJson<WebhookEndpoint>(keys.webhookEndpoint(orgId, id));
  return {
    async create(orgId, fields, now = new Date()) {
      if ((await state.members(keys.webhookEndpoints(orgId))).length >= MAX_ENDPOINTS) {
        throw new Problem('CONFLICT', `An org has at most ${MAX_ENDPOINTS} webhook endpoints; delete one first.`);
      }
      const secret = newWebhookSecret();
      const at = now.toISOString();
      const endpoint: WebhookEndpoint = {
        id: `wh_${randomBytes(9).toString('base64url')}`,
        url: fields.url,
        events: fields.events,
        format: fields.format,
        ...(fields.description ? { description: fields.description } : {}),
        sealedSecret: secretBox.seal(secret),
        createdAt: at,
        updatedAt: at,
        revision: 1,
      };
      await state.setJson(keys.webhookEndpoint(orgId, endpoint.id), endpoint);
      await state.addToSet(keys.webhookEndpoints(orgId), endpoint.id);
      return { endpoint, secret };
    },
    async list(orgId) {
      const ids = (await state.members(keys.webhookEndpoints(orgId))).sort();
      const found = await Promise.all(ids.map((id) => get(orgId, id)));
      return found.filter((e): e is WebhookEndpoint => e !== undefined).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    },
    get,
    async update(orgId, id, patch, now = new Date()) {
      // Applied to the stored version; a write that lost a race is applied again to the newer one.
      for (let attempt = 0; attempt < 5; attempt++) {
        const current = await get(orgId, id);
        if (!current) return undefined;
        const named = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
        const next: WebhookEndpoint = { ...current, ...named, updatedAt: now.toISOString(), revision: current.revision + 1 };
        const result = await state.swapJson(keys.webhookEndpoint(orgId, id), { revision: current.revision }, next);
        if (result === 'swapped') return next;
        if (result === 'missing') return undefined;
      }
      throw new Problem('CONFLICT', 'The endpoint kept changing under this write; try again.');
    },
    async remove(orgId, id) {
      const existed = (await get(orgId, id)) !== undefined;
      await state.del(keys.webhookEndpoint(orgId, id), keys.webhookDeliveries(orgId, id));
      await state.removeFromSet(keys.webhookEndpoints(orgId), id);
      return existed;
    },
    secretOf(endpoint) {
      return secretBox.open(endpoint.sealedSecret);
    },
  };
}
