/** The ways an org's Salesforce credentials can be given (DESIGN.md: access token, OAuth, JWT bearer). */
import { z } from 'zod';

const url = z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');

export const salesforceCredentialsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('access-token'), instanceUrl: url, accessToken: z.string().min(1).max(4096) }).strict(),
  z.object({
    kind: z.literal('password'),
    loginUrl: url,
    clientId: z.string().min(1).max(512),
    clientSecret: z.string().min(1).max(512),
    username: z.string().min(1).max(320),
    password: z.string().min(1).max(512),
  }).strict(),
  z.object({ kind: z.literal('client-credentials'), loginUrl: url, clientId: z.string().min(1).max(512), clientSecret: z.string().min(1).max(512) }).strict(),
  z.object({
    kind: z.literal('jwt'),
    loginUrl: url,
    clientId: z.string().min(1).max(512),
    username: z.string().min(1).max(320),
    /** PEM-encoded RSA private key of the connected app's certificate. */
    privateKey: z.string().min(1).max(16_384),
  }).strict(),
]);

export type SalesforceCredentials = z.infer<typeof salesforceCredentialsSchema>;
