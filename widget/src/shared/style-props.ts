/**
 * `${styleProps({ width: '28%' })}` on an element: sets inline style properties through the CSSOM.
 * Lit's styleMap writes a `style` attribute on first render, which a CSP without 'unsafe-inline'
 * in style-src blocks (Salesforce and our demo page alike); CSSOM writes are always allowed.
 */
import { noChange, nothing } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

class StylePropsDirective extends Directive {
  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('styleProps() goes on an element, not in an attribute');
  }

  render(_props: Record<string, string>): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [props]: [Record<string, string>]): typeof noChange {
    const style = (part.element as HTMLElement | SVGElement).style;
    for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
    return noChange;
  }
}

export const styleProps = directive(StylePropsDirective);
