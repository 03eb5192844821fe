/**
 * Browser-facing protection: security headers (@fastify/helmet) with a CSP whose frame-ancestors is
 * the embedding allow-list, and CORS per org: a browser may call /v1/orgs/:orgId/* only from that
 * org's allowed origins. The widget bundle is a public asset any origin may load.
 */
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import type { FastifyRequest } from 'fastify';
import type { OrgRepository } from '../orgs/org-repository.ts';
import { originAllowed, SALESFORCE_ORIGINS } from './origins.ts';

const ORG_PATH = /^\/v1\/orgs\/([a-z0-9][a-z0-9-]{0,62})(?:\/|\?|$)/;

export interface SecurityOptions {
  orgs: OrgRepository;
  /** Who may frame our pages (demo page, docs). @default 'self' and Salesforce's origins */
  frameAncestors?: string[];
}

export const securityHeaders = fp<SecurityOptions>(
  async (app, options) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'self'", ...(options.frameAncestors ?? SALESFORCE_ORIGINS)],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          // Served over plain HTTP on localhost in the demo; production TLS is the proxy's job (HSTS is sent).
          upgradeInsecureRequests: null,
        },
      },
      // The widget module is loaded cross-origin by the CRM and by Salesforce pages.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      crossOriginEmbedderPolicy: false,
      frameguard: false,
    });

    await app.register(cors, {
      hook: 'onRequest',
      delegator: async (request: FastifyRequest) => {
        const origin = request.headers.origin;
        const path = request.url;
        if (path.startsWith('/widget/')) return { origin: '*' };
        const match = ORG_PATH.exec(path);
        if (!origin || !match) return { origin: false };
        const org = await options.orgs.get(match[1]!).catch(() => undefined);
        const allowed = org ? originAllowed(origin, org.corsOrigins) : false;
        return {
          origin: allowed ? origin : false,
          methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
          allowedHeaders: ['Authorization', 'Content-Type', 'X-Callbudget-Priority'],
          exposedHeaders: ['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Location'],
          maxAge: 600,
        };
      },
    });
  },
  { name: 'security-headers' },
);
