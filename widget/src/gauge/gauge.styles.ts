import { css } from 'lit';

export const gaugeStyles = css`
  .actions {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    padding: 0.1rem 0.5rem;
    border-radius: 1rem;
    border: 1px solid currentColor;
    font-weight: 700;
    font-size: 0.75rem;
  }
  .badge.ok {
    color: var(--_ok);
  }
  .badge.warning {
    color: var(--_warning);
  }
  .badge.exhausted {
    color: var(--_exhausted);
  }

  .block {
    display: grid;
    gap: 0.35rem;
  }
  .lead {
    margin: 0;
  }
  .big {
    font-size: 1.5rem;
    line-height: 1;
  }
  .bar {
    position: relative;
    display: flex;
    height: var(--callbudget-bar-height, 0.75rem);
    border-radius: var(--_radius);
    background: var(--_track);
    overflow: hidden;
  }
  .fill,
  .seg {
    height: 100%;
    transition: width 0.3s ease;
  }
  .fill.ok,
  .seg.ok,
  .swatch.ok {
    background: var(--_ok);
  }
  .fill.warning,
  .seg.warning,
  .swatch.warning {
    background: var(--_warning);
  }
  .fill.exhausted,
  .seg.exhausted,
  .swatch.exhausted {
    background: var(--_exhausted);
  }
  .seg.others,
  .swatch.others {
    background: var(--_others);
  }
  .reserve-zone,
  .swatch.reserve {
    background: repeating-linear-gradient(135deg, var(--_reserve) 0 3px, transparent 3px 6px);
  }
  .reserve-zone {
    position: absolute;
    top: 0;
    bottom: 0;
    border-left: 2px solid var(--_text);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0;
    padding: 0;
    list-style: none;
    color: var(--_text-weak);
    font-size: 0.75rem;
  }
  .swatch {
    display: inline-block;
    width: 0.75rem;
    height: 0.75rem;
    margin-right: 0.3rem;
    border-radius: 2px;
    vertical-align: -0.1em;
    border: 1px solid var(--_border);
  }

  .timing {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
    gap: 0.5rem var(--_gap);
    margin: 0;
  }
  .timing dt {
    color: var(--_text-weak);
    font-size: 0.75rem;
  }
  .timing dd {
    margin: 0;
    font-weight: 600;
  }
  .timing dd .weak {
    font-weight: 400;
  }

  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
    gap: var(--_gap);
    align-items: start;
  }
  .sparkline {
    margin: 0;
  }
  .sparkline figcaption,
  .breakdown caption {
    text-align: left;
    font-weight: 700;
    margin-bottom: 0.25rem;
  }
  .sparkline svg {
    display: block;
    width: 100%;
    height: 3rem;
    background: var(--_surface-alt);
    border-radius: var(--_radius);
  }
  .bar-hour {
    fill: var(--callbudget-sparkline-color, var(--_brand));
  }
  .bar-empty {
    fill: var(--_border);
  }
  .axis {
    display: flex;
    justify-content: space-between;
    font-size: 0.75rem;
  }

  .breakdown {
    width: 100%;
    border-collapse: collapse;
  }
  .breakdown th,
  .breakdown td {
    padding: 0.25rem 0.5rem 0.25rem 0;
    border-bottom: 1px solid var(--_track);
    text-align: left;
    font-weight: 400;
    vertical-align: top;
  }
  .breakdown thead th {
    color: var(--_text-weak);
    font-size: 0.75rem;
    font-weight: 700;
  }
  .breakdown tbody th {
    font-weight: 600;
  }
  .breakdown .num {
    text-align: right;
    padding-right: 0;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .share {
    display: block;
    height: 0.25rem;
    margin-top: 0.15rem;
    background: var(--_track);
    border-radius: 2px;
  }
  .share span {
    display: block;
    height: 100%;
    margin-left: auto;
    background: var(--_brand);
    border-radius: 2px;
  }

  .message.empty {
    border-left-color: var(--_brand);
  }
  .footer {
    margin: 0;
    font-size: 0.75rem;
  }
`;
