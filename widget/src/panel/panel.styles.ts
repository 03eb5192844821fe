import { css } from 'lit';

export const panelStyles = css`
  .panel {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr));
    gap: var(--_gap);
    align-items: start;
  }
`;
