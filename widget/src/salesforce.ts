/**
 * The classic-script build for Salesforce (static resource loaded by `loadScript` in LWC, or a plain
 * <script> in Visualforce): defines the elements on load, with CLOSED shadow roots by default because
 * LWC's `lwc:external` (Beta) supports only those. A page may set window.CALLBUDGET_SHADOW_MODE first.
 */
import { defineCallbudgetElements } from './define.ts';

const asked = window.CALLBUDGET_SHADOW_MODE;
if (asked !== 'manual') defineCallbudgetElements({ shadowMode: asked === 'open' ? 'open' : 'closed' });

export { defineCallbudgetElements };
