/** Inline SVG icons (decorative: the text next to them carries the meaning). */
import { svg } from 'lit';

const frame = (body: ReturnType<typeof svg>) => svg`<svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">${body}</svg>`;

export const refreshIcon = frame(svg`<path fill="currentColor" d="M12 4a8 8 0 0 1 7.4 5H17v2h6V5h-2v2.5A10 10 0 1 0 22 13h-2a8 8 0 1 1-8-9z"/>`);
export const okIcon = frame(svg`<path fill="currentColor" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm-1.5 14.5-4-4 1.4-1.4 2.6 2.6 5.6-5.6 1.4 1.4z"/>`);
export const attentionIcon = frame(svg`<path fill="currentColor" d="M12 2 1 21h22L12 2zm1 16h-2v-2h2v2zm0-4h-2V9h2v5z"/>`);
export const errorIcon = frame(svg`<path fill="currentColor" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15h-2v-2h2v2zm0-4h-2V7h2v6z"/>`);
