/**
 * The alert events an org's admins hear about, in-app and by webhook, and the org settings that shape
 * them. Names say what the limiter really does at each share (limiter.ts DEFAULT_POLICY): bulk calls
 * stop at the bulk share of the budget (80 %), sync calls at the sync share (95 %), and only
 * interactive calls may use the last part, up to 100 %.
 */
export const ALERT_TYPES = [
  /** Our usage crossed a warning threshold of the budget (default 80 %). */
  'threshold-crossed',
  /** Our usage reached the bulk share of the budget: bulk calls are refused, sync and interactive go on. */
  'bulk-paused',
  /** Our usage reached the sync share: sync and bulk calls are refused, interactive calls go on. */
  'sync-paused',
  /** The whole budget is used: every call is refused until calls leave the 24 h window. */
  'budget-exhausted',
  /** The org's usage reached its limit minus the reserve kept for other integrations: we stop. */
  'org-reserve-reached',
  /** Salesforce answered REQUEST_LIMIT_EXCEEDED to a call we admitted: another integration ate the org. */
  'org-limit-refused',
  /** The first call admitted after refusals of its priority: the paused work flows again. */
  'sync-resumed',
  /** Salesforce refused the org's stored credentials (a login, or a stored access token). */
  'credentials-failing',
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

/** One event, before it is recorded or sent. */
export interface Alert {
  type: AlertType;
  /** Stable machine code, e.g. BUDGET_80_PERCENT, SYNC_SHARE_REACHED. */
  code: string;
  message: string;
  /** The store's clock (epoch ms): quiet intervals are measured on it. */
  at: number;
  /** When calls are expected to flow again, if known (epoch ms). */
  resumesAt?: number;
  /** Figures behind the event (used, budget, percent, priority…). */
  details?: Record<string, string | number | boolean>;
}

/** Per-org alert settings (`alerts` on the org). */
export interface AlertSettings {
  /** Usage shares of the budget, in percent, that raise `threshold-crossed` when crossed upwards. */
  warnAtPercent: number[];
  /** Per event type, minutes after one sent alert during which the same type is not sent again. */
  quietMinutes: Record<AlertType, number>;
}

export const DEFAULT_QUIET_MINUTES = 60;

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  warnAtPercent: [80],
  quietMinutes: Object.fromEntries(ALERT_TYPES.map((type) => [type, DEFAULT_QUIET_MINUTES])) as Record<AlertType, number>,
};

/** Stored settings (possibly partial, or absent on orgs created before alerts) over the defaults. */
export function alertSettingsOf(stored: Partial<AlertSettings> | undefined): AlertSettings {
  return {
    warnAtPercent: stored?.warnAtPercent ?? DEFAULT_ALERT_SETTINGS.warnAtPercent,
    quietMinutes: { ...DEFAULT_ALERT_SETTINGS.quietMinutes, ...stored?.quietMinutes },
  };
}
