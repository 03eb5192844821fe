/**
 * <callbudget-gauge>: this integration's calls against its budget and the org's limit, when calls
 * come back, the forecast, the last 24 hours by hour and by relationship.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { CallbudgetElement } from '../shared/element.ts';
import { FigureController, type LoadStatus } from '../shared/figure-controller.ts';
import { formatClock, formatNumber } from '../shared/format.ts';
import { errorState, idleState, loadingState, refreshButton } from '../shared/fragments.ts';
import { attentionIcon, errorIcon, okIcon } from '../shared/icons.ts';
import { themeStyles } from '../shared/theme.styles.ts';
import type { UsageReport, UsageState } from '../shared/types.ts';
import { breakdown, budgetMeter, exhaustedMessage, orgScale, sparkline, timing } from './gauge-sections.ts';
import { gaugeStyles } from './gauge.styles.ts';

const STATE_LABEL: Record<UsageState, string> = { ok: 'Within budget', warning: 'Nearing the limit', exhausted: 'Calls used up' };
const STATE_ICON = { ok: okIcon, warning: attentionIcon, exhausted: errorIcon } as const;

export class CallbudgetGauge extends CallbudgetElement {
  static override styles = [themeStyles, gaugeStyles];

  private readonly usage = new FigureController<UsageReport>(this, 'usage');

  /** Where the element is: no org set, first fetch, figures shown, or an error with nothing to show. */
  get status(): LoadStatus {
    return this.usage.status;
  }

  /** The last usage report fetched, or null. */
  get report(): UsageReport | null {
    return this.usage.data;
  }

  /** The usage state of the last report, or 'none' before one arrived (reflected as the `state` attribute). */
  get usageState(): UsageState | 'none' {
    return this.usage.data?.state ?? 'none';
  }

  /** Fetch the usage again now. */
  override refresh(): Promise<void> {
    return this.usage.load();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Lets the host page style by state: callbudget-gauge[state='exhausted'] { … }
    this.setAttribute('state', this.usageState);
  }

  protected override render(): TemplateResult {
    const { status, data, error, refreshing } = this.usage;
    return html`<section part="base" class="card" aria-labelledby="title" aria-busy=${status === 'loading' || refreshing ? 'true' : 'false'}>
      <div part="header" class="header">
        <h2 part="title" class="title" id="title">Salesforce API calls</h2>
        <div class="actions">${data ? this.badge(data.state) : nothing} ${status === 'idle' ? nothing : refreshButton('Refresh usage', status === 'loading' || refreshing, () => void this.refresh())}</div>
      </div>
      ${status === 'idle' ? idleState('usage') : nothing} ${status === 'loading' ? loadingState('Loading usage…') : nothing} ${error ? errorState(error, data !== null, this.usage.stopped) : nothing}
      ${data ? this.figures(data) : nothing}
    </section>`;
  }

  private badge(state: UsageState): TemplateResult {
    return html`<span part="state-badge" class="badge ${state}">${STATE_ICON[state]}${STATE_LABEL[state]}</span>`;
  }

  private figures(r: UsageReport): TemplateResult {
    // Nothing counted and Salesforce never reported: a fresh org; say so instead of drawing empty charts.
    if (r.used === 0 && r.org === null) {
      return html`${budgetMeter(r)}
        <div part="message" class="message empty">
          <div>
            <strong>No calls yet</strong>
            <p>Nothing has been counted in the last 24 hours and Salesforce has not reported the org's usage yet. The figures appear after the first sync.</p>
          </div>
        </div>
        ${this.footer(r)}`;
    }
    return html`${r.state === 'exhausted' ? exhaustedMessage(r) : nothing} ${budgetMeter(r)} ${orgScale(r)} ${timing(r)}
      <div class="charts">${sparkline(r)} ${breakdown(r)}</div>
      ${this.footer(r)}`;
  }

  private footer(r: UsageReport): TemplateResult {
    return html`<p part="footer" class="footer weak">
      As of <time datetime=${r.asOf}>${formatClock(r.asOfMs, r.asOfMs)}</time>
      ${r.denied > 0 ? html` · ${formatNumber(r.denied)} calls held back by the budget in the last 24 h` : nothing}
    </p>`;
  }
}
