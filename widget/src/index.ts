/**
 * The widget bundle (widget/dist/callbudget.js). Importing it defines the elements with OPEN shadow
 * roots, unless the page asks for CLOSED ones (Salesforce `lwc:external`) in either way:
 *   <script type="module" src=".../callbudget.js" data-shadow="closed"></script>
 *   <script>window.CALLBUDGET_SHADOW_MODE = 'closed'</script>  (before the bundle loads)
 * data-shadow="manual" (or the global set to 'manual') defines nothing: call
 * defineCallbudgetElements({ shadowMode }) from the module's exports yourself.
 */
import { defineCallbudgetElements, type ShadowMode } from './define.ts';

export { defineCallbudgetElements } from './define.ts';
export type { DefineOptions, ShadowMode } from './define.ts';
export { CallbudgetGauge } from './gauge/gauge.ts';
export { CallbudgetChecklist } from './checklist/checklist.ts';
export { CallbudgetPanel } from './panel/panel.ts';
export type { CallbudgetErrorEvent, CallbudgetLoadedEvent } from './shared/events.ts';
export type { LoadStatus } from './shared/figure-controller.ts';
export type * from './shared/types.ts';

declare global {
  interface Window {
    /** Read once when the bundle loads: 'closed', 'open' (default) or 'manual'. */
    CALLBUDGET_SHADOW_MODE?: ShadowMode | 'manual';
  }
}

/** The mode the page asked for: the bundle's own script tag first, then the global. */
function requestedMode(): ShadowMode | 'manual' {
  const own = [...document.querySelectorAll<HTMLScriptElement>('script[data-shadow]')].find((script) => script.src && new URL(script.src, document.baseURI).href === import.meta.url);
  const asked = own?.dataset.shadow ?? window.CALLBUDGET_SHADOW_MODE;
  return asked === 'closed' || asked === 'manual' ? asked : 'open';
}

const mode = requestedMode();
if (mode !== 'manual') defineCallbudgetElements({ shadowMode: mode });
