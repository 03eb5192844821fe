/**
 * The in-memory registry of sandbox orgs: each has ids, a connected app, one user, its records
 * (made by the injected data part), its rolling window, its ground-truth log and its faults.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Clock, CreateOrgData, OrgData, OrgSpec } from '../types.ts';
import { ApexRestBook } from './apex-rest.ts';
import { ControlError } from './control-error.ts';
import { FaultBook } from './faults.ts';
import { CallLog } from './ground-truth.ts';
import { newClientCredentials, newSalesforceId, randomBase62 } from './ids.ts';
import { RollingWindow } from './rolling-window.ts';
import type { SessionStore } from './sessions.ts';

/** Developer Edition's DailyApiRequests Max. */
export const DEFAULT_DAILY_LIMIT = 15_000;

/** The knobs of an org that the control API can read (and partly change). */
export interface OrgSettings {
  dailyLimit: number;
  usageAtStart: number;
  otherIntegrationsPerHour: number;
  latencyMs: number;
}

/** One sandbox org and everything the platform keeps about it. */
export interface Org {
  readonly orgId: string;
  readonly userId: string;
  readonly username: string;
  readonly password: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly jwtKey: KeyObject | undefined;
  readonly settings: OrgSettings;
  readonly data: OrgData;
  readonly log: CallLog;
  readonly faults: FaultBook;
  readonly createdAt: number;
  /** The access token handed out with OrgInfo, for clients that skip login. */
  readyToken: string;
  window: RollingWindow;
  /** Data API calls of this org currently being served (for the concurrency fault). */
  inFlight: number;
  /** Its Apex REST classes (defined through the control API; kept through a reset, like metadata). */
  readonly apexRest: ApexRestBook;
}

/** Registry of every org of one sandbox. */
export class OrgRegistry {
  private readonly byId = new Map<string, Org>();
  private readonly byClient = new Map<string, Org>();
  private readonly usernames = new Set<string>();

  constructor(
    private readonly clock: Clock,
    private readonly createOrgData: CreateOrgData,
    private readonly sessions: SessionStore,
  ) {}

  /** Create an org from an already validated spec. */
  create(spec: OrgSpec): Org {
    const jwtKey = spec.jwtPublicKey === undefined ? undefined : parsePublicKey(spec.jwtPublicKey);
    const orgId = newSalesforceId('00D');
    const userId = newSalesforceId('005');
    const username = spec.username ?? `admin@${orgId.toLowerCase()}.sandbox`;
    // Salesforce usernames are unique across every org, and the JWT flow looks users up by them.
    if (this.usernames.has(username.toLowerCase())) throw new ControlError(409, 'DUPLICATE_USERNAME', `username ${username} is already used by another org`);
    const now = this.clock.now();
    const settings: OrgSettings = {
      dailyLimit: spec.dailyLimit ?? DEFAULT_DAILY_LIMIT,
      usageAtStart: spec.usageAtStart ?? 0,
      otherIntegrationsPerHour: spec.otherIntegrationsPerHour ?? 0,
      latencyMs: spec.latencyMs ?? 0,
    };
    const data = this.createOrgData({ orgId, clock: this.clock, userId, username });
    for (const field of spec.customFields ?? []) {
      const added = data.addCustomField(field);
      if ('error' in added) throw new ControlError(400, added.error.errorCode, `custom field ${field.object}.${field.name}: ${added.error.message}`);
    }
    const org: Org = {
      orgId,
      userId,
      username,
      password: spec.password ?? randomBase62(16),
      ...newClientCredentials(),
      jwtKey,
      settings,
      data,
      log: new CallLog(),
      faults: new FaultBook(),
      createdAt: now,
      readyToken: this.sessions.issueAccess({ orgId, userId }),
      window: newWindow(settings, now),
      inFlight: 0,
      apexRest: new ApexRestBook(),
    };
    this.byId.set(orgId, org);
    this.byClient.set(org.clientId, org);
    this.usernames.add(username.toLowerCase());
    return org;
  }

  /** The org with this id, if any. */
  get(orgId: string): Org | undefined {
    return this.byId.get(orgId);
  }

  /** The org whose connected app has this consumer key, if any. */
  byClientId(clientId: string): Org | undefined {
    return this.byClient.get(clientId);
  }

  /** Every org, oldest first. */
  list(): Org[] {
    return [...this.byId.values()];
  }

  /** Remove an org and its tokens; false when unknown. */
  delete(orgId: string): boolean {
    const org = this.byId.get(orgId);
    if (!org) return false;
    this.byId.delete(orgId);
    this.byClient.delete(org.clientId);
    this.usernames.delete(org.username.toLowerCase());
    this.sessions.dropOrg(orgId);
    return true;
  }

  /** Back to freshly created: no records, usageAtStart again before now, empty ground truth, no faults. */
  reset(org: Org): void {
    org.data.clear();
    org.window = newWindow(org.settings, this.clock.now());
    org.log.clear();
    org.faults.clear();
  }

  /** Apply a validated patch from now on. */
  update(org: Org, patch: Partial<Omit<OrgSettings, 'usageAtStart'>>): void {
    const now = this.clock.now();
    if (patch.dailyLimit !== undefined) {
      org.window.setLimit(now, patch.dailyLimit);
      org.settings.dailyLimit = patch.dailyLimit;
    }
    if (patch.otherIntegrationsPerHour !== undefined) {
      org.window.setOtherRate(now, patch.otherIntegrationsPerHour);
      org.settings.otherIntegrationsPerHour = patch.otherIntegrationsPerHour;
    }
    if (patch.latencyMs !== undefined) org.settings.latencyMs = patch.latencyMs;
  }
}

function newWindow(settings: OrgSettings, now: number): RollingWindow {
  return new RollingWindow(settings.dailyLimit, now, settings.usageAtStart, settings.otherIntegrationsPerHour);
}

function parsePublicKey(pem: string): KeyObject {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'rsa') throw new Error(`expected an RSA key, got ${key.asymmetricKeyType}`);
    return key;
  } catch (error) {
    throw new ControlError(400, 'INVALID_JWT_PUBLIC_KEY', `jwtPublicKey is not a PEM RSA public key (${(error as Error).message})`);
  }
}
