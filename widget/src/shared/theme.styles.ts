/**
 * Shared look: Salesforce Lightning (SLDS-like) colours and font stack by default, every colour
 * overridable from outside through a `--callbudget-*` custom property (set on the element or any
 * ancestor). Internal `--_*` names hold the resolved values so an ancestor's setting is not shadowed.
 */
import { css } from 'lit';

export const themeStyles = css`
  :host {
    --_font: var(--callbudget-font-family, 'Salesforce Sans', -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif);
    --_text: var(--callbudget-color-text, #181818);
    --_text-weak: var(--callbudget-color-text-weak, #5c5c5c);
    --_surface: var(--callbudget-color-surface, #ffffff);
    --_surface-alt: var(--callbudget-color-surface-alt, #f3f3f3);
    --_border: var(--callbudget-color-border, #c9c9c9);
    --_brand: var(--callbudget-color-brand, #0176d3);
    --_brand-text: var(--callbudget-color-brand-text, #ffffff);
    --_ok: var(--callbudget-color-ok, #2e844a);
    --_warning: var(--callbudget-color-warning, #a96404);
    --_exhausted: var(--callbudget-color-exhausted, #ba0517);
    --_others: var(--callbudget-color-others, #747474);
    --_reserve: var(--callbudget-color-reserve, #aeaeae);
    --_track: var(--callbudget-color-track, #e5e5e5);
    --_radius: var(--callbudget-radius, 0.25rem);
    --_gap: var(--callbudget-spacing, 0.75rem);

    display: block;
    box-sizing: border-box;
    color: var(--_text);
    font-family: var(--_font);
    font-size: var(--callbudget-font-size, 0.8125rem);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  .card {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_gap);
    display: grid;
    gap: var(--_gap);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }
  .title {
    margin: 0;
    font-size: 1rem;
    font-weight: 700;
    line-height: 1.25;
  }
  .weak {
    color: var(--_text-weak);
  }
  .icon {
    flex: none;
    vertical-align: -0.2em;
  }

  button {
    font: inherit;
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    min-height: 2rem;
    padding: 0 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_brand);
    cursor: pointer;
  }
  button:hover {
    background: var(--_surface-alt);
  }
  :focus-visible {
    outline: 2px solid var(--_brand);
    outline-offset: 2px;
  }
  button[aria-busy='true'] .icon {
    animation: spin 1s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    button[aria-busy='true'] .icon,
    .skeleton {
      animation: none;
    }
  }

  .message {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    border-left: 4px solid var(--_border);
    background: var(--_surface-alt);
  }
  .message p {
    margin: 0;
  }
  .message strong {
    display: block;
  }
  .message.error,
  .message.exhausted {
    border-left-color: var(--_exhausted);
  }
  .message.error .icon,
  .message.exhausted .icon {
    color: var(--_exhausted);
  }

  .skeleton {
    height: 0.75rem;
    border-radius: var(--_radius);
    background: var(--_track);
    animation: pulse 1.2s ease-in-out infinite alternate;
  }
  .skeleton.short {
    width: 60%;
  }
  .skeleton.medium {
    width: 80%;
  }
  .loading {
    display: grid;
    gap: 0.5rem;
  }
  @keyframes pulse {
    to {
      opacity: 0.4;
    }
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
