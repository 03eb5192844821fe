/** The events callbudget elements fire; all bubble and cross shadow roots (composed). */
import type { CallbudgetErrorDetail, ChecklistReport, UsageReport } from './types.ts';

/** Fired when a figure has been fetched; the detail is the API's JSON (`'items' in detail` for the checklist). */
export type CallbudgetLoadedEvent = CustomEvent<UsageReport | ChecklistReport>;
/** Fired when a fetch fails; the detail carries the problem's status, code and detail. */
export type CallbudgetErrorEvent = CustomEvent<CallbudgetErrorDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'callbudget-loaded': CallbudgetLoadedEvent;
    'callbudget-error': CallbudgetErrorEvent;
  }
}

/** Dispatch a callbudget event from `host`. */
export function emit<K extends 'callbudget-loaded' | 'callbudget-error'>(host: HTMLElement, name: K, detail: GlobalEventHandlersEventMap[K]['detail']): void {
  host.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
