/** <callbudget-panel>: the gauge and the checklist side by side (stacked when narrow), sharing one set of attributes. */
import { html, type TemplateResult } from 'lit';
import { CallbudgetElement } from '../shared/element.ts';
import { themeStyles } from '../shared/theme.styles.ts';
import { panelStyles } from './panel.styles.ts';

/** Parts of the inner elements, re-exported with a prefix so the page can style them through the panel. */
const GAUGE_PARTS = [
  'base',
  'header',
  'title',
  'state-badge',
  'refresh-button',
  'meter',
  'meter-fill',
  'org-scale',
  'reserve',
  'release',
  'forecast',
  'sparkline',
  'breakdown',
  'exhausted-message',
  'message',
  'error',
  'loading',
  'footer',
];
const CHECKLIST_PARTS = [
  'base',
  'header',
  'title',
  'refresh-button',
  'summary',
  'list',
  'item',
  'item-ok',
  'item-attention',
  'item-status',
  'item-title',
  'item-figure',
  'item-savings',
  'item-action',
  'message',
  'error',
  'loading',
];

const exportParts = (prefix: string, parts: string[]) => parts.map((part) => `${part}:${prefix}-${part}`).join(', ');

export class CallbudgetPanel extends CallbudgetElement {
  static override styles = [themeStyles, panelStyles];

  /** Refresh both the gauge and the checklist now. */
  override async refresh(): Promise<void> {
    const children = this.renderRoot.querySelectorAll<CallbudgetElement>('callbudget-gauge, callbudget-checklist');
    await Promise.all([...children].map((child) => child.refresh()));
  }

  protected override render(): TemplateResult {
    return html`<div part="base" class="panel">
      <callbudget-gauge part="gauge" exportparts=${exportParts('gauge', GAUGE_PARTS)} .apiBase=${this.apiBase} .org=${this.org} .token=${this.token} .refreshInterval=${this.refreshInterval}></callbudget-gauge>
      <callbudget-checklist
        part="checklist"
        exportparts=${exportParts('checklist', CHECKLIST_PARTS)}
        .apiBase=${this.apiBase}
        .org=${this.org}
        .token=${this.token}
        .refreshInterval=${this.refreshInterval}
      ></callbudget-checklist>
    </div>`;
  }
}
