/** What every route plugin is given. */
import type { Authenticator } from '../access/authenticate.ts';
import type { Services } from '../services.ts';

export interface RouteOptions {
  services: Services;
  auth: Authenticator;
}
