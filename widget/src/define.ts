/** Registers the callbudget elements, with open or closed shadow roots; importing this has no side effects. */
import { LitElement } from 'lit';
import { CallbudgetChecklist } from './checklist/checklist.ts';
import { CallbudgetGauge } from './gauge/gauge.ts';
import { CallbudgetPanel } from './panel/panel.ts';

/** 'closed' for Salesforce LWC `lwc:external` (Beta: only closed roots); 'open' everywhere else. */
export type ShadowMode = 'open' | 'closed';

export interface DefineOptions {
  /** Shadow root mode of every element; default 'open'. */
  shadowMode?: ShadowMode;
  /** Registry to define in; default the page's `customElements`. */
  registry?: CustomElementRegistry;
}

const ELEMENTS = [
  ['callbudget-gauge', CallbudgetGauge],
  ['callbudget-checklist', CallbudgetChecklist],
  ['callbudget-panel', CallbudgetPanel],
] as const;

function withShadowMode<C extends typeof LitElement>(base: C, mode: ShadowMode): C {
  if (mode === 'open') return base;
  // A subclass per mode: the class exported stays open, so both modes can be reasoned about separately.
  return class extends (base as typeof LitElement) {
    static override shadowRootOptions: ShadowRootInit = { ...base.shadowRootOptions, mode };
  } as unknown as C;
}

/**
 * Define <callbudget-gauge>, <callbudget-checklist> and <callbudget-panel>. A tag already defined is
 * left as it is (the first definition wins, as custom elements require). Returns the tags defined now.
 */
export function defineCallbudgetElements(options: DefineOptions = {}): string[] {
  const mode = options.shadowMode ?? 'open';
  const registry = options.registry ?? customElements;
  const defined: string[] = [];
  for (const [tag, element] of ELEMENTS) {
    if (registry.get(tag)) continue;
    registry.define(tag, withShadowMode(element, mode));
    defined.push(tag);
  }
  return defined;
}

declare global {
  interface HTMLElementTagNameMap {
    'callbudget-gauge': CallbudgetGauge;
    'callbudget-checklist': CallbudgetChecklist;
    'callbudget-panel': CallbudgetPanel;
  }
}
