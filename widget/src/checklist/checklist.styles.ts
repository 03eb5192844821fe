import { css } from 'lit';

export const checklistStyles = css`
  .summary,
  .footer {
    margin: 0;
  }
  .footer {
    font-size: 0.75rem;
  }
  .items {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .item {
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_ok);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .item.attention {
    border-left-color: var(--_warning);
  }
  summary {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.15rem 0.75rem;
    padding: 0.5rem 0.75rem;
    cursor: pointer;
    list-style: none;
  }
  summary::-webkit-details-marker {
    display: none;
  }
  summary:hover {
    background: var(--_surface-alt);
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    font-weight: 700;
    font-size: 0.75rem;
    grid-row: span 3;
    align-self: start;
    min-width: 8.5rem;
  }
  .status.ok {
    color: var(--_ok);
  }
  .status.attention {
    color: var(--_warning);
  }
  .item-title {
    font-weight: 700;
  }
  .figure,
  .savings {
    color: var(--_text-weak);
  }
  .figure strong {
    color: var(--_text);
  }
  .savings {
    font-weight: 600;
  }
  .action {
    margin: 0;
    padding: 0 0.75rem 0.75rem;
  }
  @container (max-width: 30rem) {
    summary {
      grid-template-columns: 1fr;
    }
    .status {
      grid-row: auto;
    }
  }
  :host {
    container-type: inline-size;
  }
`;
