/**
 * <callbudget-checklist>: the seed's five ways to spend fewer API calls, each with its status, the
 * figure measured, the calls per day it would save, and what to do.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { CallbudgetElement } from '../shared/element.ts';
import { FigureController, type LoadStatus } from '../shared/figure-controller.ts';
import { formatClock, formatNumber } from '../shared/format.ts';
import { errorState, idleState, loadingState, refreshButton } from '../shared/fragments.ts';
import { attentionIcon, okIcon } from '../shared/icons.ts';
import { themeStyles } from '../shared/theme.styles.ts';
import type { ChecklistItem, ChecklistReport } from '../shared/types.ts';
import { checklistStyles } from './checklist.styles.ts';

const SINGULAR = { errors: 'error', fields: 'field', calls: 'call' } as const;

/** "42 errors", "1 field", "35%" */
export function formatFigure(figure: ChecklistItem['figure']): string {
  if (figure.unit === 'percent') return `${formatNumber(figure.value)}%`;
  return `${formatNumber(figure.value)} ${figure.value === 1 ? SINGULAR[figure.unit] : figure.unit}`;
}

export class CallbudgetChecklist extends CallbudgetElement {
  static override styles = [themeStyles, checklistStyles];

  private readonly checklist = new FigureController<ChecklistReport>(this, 'checklist');

  /** Where the element is: no org set, first fetch, checklist shown, or an error with nothing to show. */
  get status(): LoadStatus {
    return this.checklist.status;
  }

  /** The last checklist fetched, or null. */
  get report(): ChecklistReport | null {
    return this.checklist.data;
  }

  /** Fetch the checklist again now. */
  override refresh(): Promise<void> {
    return this.checklist.load();
  }

  protected override render(): TemplateResult {
    const { status, data, error, refreshing } = this.checklist;
    return html`<section part="base" class="card" aria-labelledby="title" aria-busy=${status === 'loading' || refreshing ? 'true' : 'false'}>
      <div part="header" class="header">
        <h2 part="title" class="title" id="title">Reduce API calls</h2>
        ${status === 'idle' ? nothing : refreshButton('Refresh checklist', status === 'loading' || refreshing, () => void this.refresh())}
      </div>
      ${status === 'idle' ? idleState('the checklist') : nothing} ${status === 'loading' ? loadingState('Loading the checklist…') : nothing} ${error ? errorState(error, data !== null, this.checklist.stopped) : nothing}
      ${data ? this.list(data) : nothing}
    </section>`;
  }

  private list(report: ChecklistReport): TemplateResult {
    const items = report.items ?? [];
    const attention = items.filter((item) => item.status === 'attention').length;
    return html`<p part="summary" class="summary">
        ${
          attention === 0
            ? 'All checks pass: nothing to change.'
            : html`<strong>${attention} of ${items.length} need attention.</strong> Acting on them could save about <strong>${formatNumber(report.estimatedDailySavings)}</strong> calls a day.`
        }
      </p>
      ${
        items.length === 0
          ? html`<p class="weak">No checks available.</p>`
          : html`<ul part="list" class="items">
              ${items.map((item) => this.item(item))}
            </ul>`
      }
      <p class="footer weak">As of <time datetime=${report.asOf}>${formatClock(Date.parse(report.asOf), Date.parse(report.asOf))}</time></p>`;
  }

  private item(item: ChecklistItem): TemplateResult {
    const attention = item.status === 'attention';
    return html`<li part="item item-${item.status}" class="item ${item.status}" data-id=${item.id}>
      <details ?open=${attention}>
        <summary>
          <span part="item-status" class="status ${item.status}"> ${attention ? attentionIcon : okIcon}<span>${attention ? 'Needs attention' : 'OK'}</span> </span>
          <span part="item-title" class="item-title">${item.title}</span>
          <span part="item-figure" class="figure">${item.figure.label}: <strong>${formatFigure(item.figure)}</strong></span>
          ${item.estimatedDailySavings > 0 ? html`<span part="item-savings" class="savings">Saves about ${formatNumber(item.estimatedDailySavings)} calls/day</span>` : nothing}
        </summary>
        <p part="item-action" class="action">${item.action}</p>
      </details>
    </li>`;
  }
}
