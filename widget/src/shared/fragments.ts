/** Template pieces every element uses: the refresh button, the loading and error states. */
import { html, nothing, type TemplateResult } from 'lit';
import { errorIcon, refreshIcon } from './icons.ts';
import type { CallbudgetErrorDetail } from './types.ts';

const PLAN_AND_ROLE = 'Available to Administrators on Advanced and Ultimate plans.';

/** What the person at the screen can do about an error, by its code. */
export function errorHint(error: CallbudgetErrorDetail): string {
  switch (error.code) {
    case 'FORBIDDEN_PLAN':
    case 'FORBIDDEN_ROLE':
      return PLAN_AND_ROLE;
    case 'UNAUTHENTICATED':
      return 'Check the key given to the widget: it may have been revoked or have expired. Ask a callbudget administrator for a new widget key.';
    case 'NOT_FOUND':
      return 'Check the org id given to the widget.';
    case 'NETWORK':
      return 'Check the network, the api-base setting, and that the API allows this page in its CORS settings.';
    default:
      return error.status >= 500 || error.status === 0 ? 'Try again in a minute.' : '';
  }
}

/** The refresh button: keyboard reachable, busy while a fetch runs. */
export function refreshButton(label: string, busy: boolean, onClick: () => void): TemplateResult {
  return html`<button type="button" part="refresh-button" aria-label=${label} aria-busy=${busy ? 'true' : 'false'} @click=${onClick}>${refreshIcon}<span>Refresh</span></button>`;
}

/** A loading placeholder announced politely to screen readers. */
export function loadingState(label: string): TemplateResult {
  return html`<div part="loading" class="loading" role="status">
    <span class="visually-hidden">${label}</span>
    <div class="skeleton short" aria-hidden="true"></div>
    <div class="skeleton" aria-hidden="true"></div>
    <div class="skeleton medium" aria-hidden="true"></div>
  </div>`;
}

/** Said when a refused key stopped the automatic refresh. */
export const STOPPED_NOTE = 'Automatic refresh has stopped. Once the key or its access is fixed, reload the page or press Refresh.';

/** The error state; `stale` says the figures below are from an earlier fetch, `stopped` that no refresh will follow. */
export function errorState(error: CallbudgetErrorDetail, stale = false, stopped = false): TemplateResult {
  const hint = errorHint(error);
  const detail = error.detail && error.detail !== error.title ? error.detail : '';
  return html`<div part="error" class="message error" role="alert" data-code=${error.code}>
    ${errorIcon}
    <div>
      <strong>${stale ? `Could not refresh: ${error.title}` : error.title}</strong>
      ${detail ? html`<p>${detail}</p>` : nothing} ${hint && !detail.includes(hint) ? html`<p>${hint}</p>` : nothing} ${stale ? html`<p class="weak">The figures below are from the last successful refresh.</p>` : nothing}
      ${stopped ? html`<p>${STOPPED_NOTE}</p>` : nothing}
    </div>
  </div>`;
}

/** Shown while no org is set. */
export function idleState(what: string): TemplateResult {
  return html`<p part="message" class="message">Set the org attribute to show ${what}.</p>`;
}
