/** The sections of the usage gauge, each a pure function of the usage report. */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { directionLabel, formatClock, formatDuration, formatNumber, percent, relationshipLabel } from '../shared/format.ts';
import { attentionIcon } from '../shared/icons.ts';
import { styleProps } from '../shared/style-props.ts';
import type { UsageReport } from '../shared/types.ts';

const clamp = (value: number, max: number) => Math.min(Math.max(value, 0), max);
const width = (part: number, whole: number) => styleProps({ width: `${whole > 0 ? clamp((part / whole) * 100, 100) : 0}%` });

/** Our calls against our budget: the main meter. */
export function budgetMeter(r: UsageReport): TemplateResult {
  const share = percent(r.used, r.budget);
  return html`<div class="block">
    <p class="lead" id="budget-text">
      <strong class="big">${formatNumber(r.used)}</strong> of ${formatNumber(r.budget)} calls used
      <span class="weak">· ${formatNumber(r.remaining)} left</span>
    </p>
    <div
      part="meter"
      class="bar"
      role="meter"
      aria-label="Calls used of this integration's daily budget"
      aria-valuemin="0"
      aria-valuemax=${r.budget}
      aria-valuenow=${clamp(r.used, r.budget)}
      aria-valuetext=${`${formatNumber(r.used)} of ${formatNumber(r.budget)} calls (${share}%)`}
    >
      <div part="meter-fill" class="fill ${r.state}" ${width(r.used, r.budget)}></div>
    </div>
  </div>`;
}

/** The org-wide scale: other integrations, us, the free part, and the reserve we never take. */
export function orgScale(r: UsageReport): TemplateResult | typeof nothing {
  const org = r.org;
  if (!org) return nothing;
  const ours = Math.max(0, org.used - org.othersUsed);
  const capAt = percent(org.cap, org.limit);
  return html`<div class="block">
    <p class="lead">
      Org-wide: <strong>${formatNumber(org.used)}</strong> of ${formatNumber(org.limit)} API requests
      <span class="weak">(Salesforce, last 24 h)</span>
    </p>
    <div
      part="org-scale"
      class="bar scale"
      role="meter"
      aria-label="Org-wide API requests in the last 24 hours"
      aria-valuemin="0"
      aria-valuemax=${org.limit}
      aria-valuenow=${clamp(org.used, org.limit)}
      aria-valuetext=${`${formatNumber(org.used)} of ${formatNumber(org.limit)} requests (${percent(org.used, org.limit)}%); ${formatNumber(org.reserve)} kept in reserve for other integrations`}
    >
      <div class="seg others" ${width(org.othersUsed, org.limit)}></div>
      <div class="seg ours ${r.state}" ${width(ours, org.limit)}></div>
      <div part="reserve" class="reserve-zone" ${styleProps({ left: `${capAt}%`, width: `${100 - capAt}%` })}></div>
    </div>
    <ul class="legend">
      <li><span class="swatch others" aria-hidden="true"></span>Other integrations ${formatNumber(org.othersUsed)}</li>
      <li><span class="swatch ours ${r.state}" aria-hidden="true"></span>This integration ${formatNumber(ours)}</li>
      <li><span class="swatch reserve" aria-hidden="true"></span>Reserve (${r.reservePercent}%) ${formatNumber(org.reserve)}</li>
    </ul>
  </div>`;
}

/** When calls come back: the later of our next release and Salesforce's own refusal, if any. */
export function resumeAt(r: UsageReport): number | null {
  const candidates = [r.nextReleaseAtMs, r.org?.exhaustedUntil ? Date.parse(r.org.exhaustedUntil) : null];
  const future = candidates.filter((ms): ms is number => typeof ms === 'number' && Number.isFinite(ms) && ms > r.asOfMs);
  return future.length ? Math.max(...future) : null;
}

function when(ms: number, r: UsageReport): TemplateResult {
  return html`<time datetime=${new Date(ms).toISOString()}>${formatClock(ms, r.asOfMs)}</time> <span class="weak">(in ${formatDuration(ms - r.asOfMs)})</span>`;
}

/** The exhausted message, with the exact time calls come back. */
export function exhaustedMessage(r: UsageReport): TemplateResult {
  const back = resumeAt(r);
  const org = r.org;
  const reason =
    r.used >= r.forecast.cap
      ? `This integration has used ${formatNumber(r.used)} of its ${formatNumber(r.budget)} daily calls.`
      : org?.exhaustedUntil
        ? "Salesforce reports the org's daily API limit reached."
        : `The org has used its API limit, less the ${r.reservePercent}% kept for other integrations.`;
  return html`<div part="exhausted-message" class="message exhausted" role="status">
    ${attentionIcon}
    <div>
      <strong>The sync is paused: no API calls are left.</strong>
      <p>${reason}</p>
      <p>${back === null ? 'Calls come back as soon as the oldest calls leave the 24-hour window.' : html`Calls come back at ${when(back, r)}, when the oldest calls leave the 24-hour window; the sync resumes then.`}</p>
    </div>
  </div>`;
}

/** Next release and forecast. */
export function timing(r: UsageReport): TemplateResult {
  const { forecast } = r;
  return html`<dl class="timing">
    <div>
      <dt>Next calls return</dt>
      <dd part="release">${r.nextReleaseAtMs === null ? 'No calls in the window' : when(r.nextReleaseAtMs, r)}</dd>
    </div>
    <div>
      <dt>Budget runs out</dt>
      <dd part="forecast">
        ${forecast.exhaustedAtMs === null ? 'not within 24 h' : forecast.exhaustedAtMs <= r.asOfMs ? 'already used up' : html`at ${when(forecast.exhaustedAtMs, r)}`}
        <span class="weak">at the current ${formatNumber(forecast.ratePerHour)} calls/h</span>
      </dd>
    </div>
  </dl>`;
}

/** 24 bars, one per clock hour, oldest first; the text alternative gives total, peak and now. */
export function sparkline(r: UsageReport): TemplateResult {
  const hours = r.perHour ?? [];
  const max = Math.max(1, ...hours.map((h) => h.calls));
  const total = hours.reduce((sum, h) => sum + h.calls, 0);
  const peak = hours.reduce<{ start: string; calls: number } | undefined>((best, h) => (!best || h.calls > best.calls ? h : best), undefined);
  const current = hours.at(-1)?.calls ?? 0;
  const label =
    peak && peak.calls > 0
      ? `Calls per hour over the last 24 hours: ${formatNumber(total)} in total, peak ${formatNumber(peak.calls)} at ${formatClock(Date.parse(peak.start), r.asOfMs)}, ${formatNumber(current)} in the current hour.`
      : 'Calls per hour over the last 24 hours: none.';
  const slot = 10;
  return html`<figure part="sparkline" class="sparkline">
    <figcaption>Calls per hour, last 24 h <span class="weak">· peak ${formatNumber(peak?.calls ?? 0)}</span></figcaption>
    <svg role="img" aria-label=${label} viewBox="0 0 ${hours.length * slot} 40" preserveAspectRatio="none">
      ${hours.map((h, i) => {
        const height = h.calls > 0 ? Math.max(1.5, (h.calls / max) * 40) : 0.75;
        return svg`<rect class=${h.calls > 0 ? 'bar-hour' : 'bar-empty'} x=${i * slot + 1} y=${40 - height} width=${slot - 2} height=${height}></rect>`;
      })}
    </svg>
    <div class="axis weak" aria-hidden="true"><span>24 h ago</span><span>now</span></div>
  </figure>`;
}

/** Calls by relationship and direction, most first. */
export function breakdown(r: UsageReport): TemplateResult {
  const rows = r.byRelationship ?? [];
  if (rows.length === 0) return html`<p part="breakdown" class="weak">No calls by relationship in the last 24 hours.</p>`;
  const top = Math.max(1, ...rows.map((row) => row.calls));
  return html`<table part="breakdown" class="breakdown">
    <caption>
      Calls by relationship, last 24 h
    </caption>
    <thead>
      <tr>
        <th scope="col">Relationship</th>
        <th scope="col">Direction</th>
        <th scope="col" class="num">Calls</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr>
            <th scope="row">${relationshipLabel(row.relationship)}</th>
            <td>${directionLabel(row.direction)}</td>
            <td class="num">
              ${formatNumber(row.calls)}<span class="share" aria-hidden="true"><span ${width(row.calls, top)}></span></span>
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
