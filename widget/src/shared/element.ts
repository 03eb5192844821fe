/** The base of every callbudget element: the public attributes they share. */
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';

export abstract class CallbudgetElement extends LitElement {
  /** Origin (and path prefix) of the callbudget API; empty means this page's origin. */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** Id of the org whose figures to show; nothing is fetched while it is empty. */
  @property() org = '';

  /** Bearer token sent to the API: a widget key or a short-lived token minted for this page. */
  @property() token = '';

  /** Seconds between automatic refreshes; 0 turns them off, values under 5 count as 5. */
  @property({ attribute: 'refresh-interval', type: Number }) refreshInterval = 60;

  /** Fetch the figures again now. */
  abstract refresh(): Promise<void>;
}
