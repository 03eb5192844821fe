/**
 * The URL rewriting of salesforce-links.ts as a stream: a JSON answer of any size is rewritten as it
 * passes, never held. A URL may be split across chunks, so the last `longest + 1` characters (the
 * longest possible match and the character its end check looks at) wait for the next chunk; any
 * match starting before them is already decided exactly as on the whole body.
 */
import { Transform } from 'node:stream';

/** What to find and what to put instead (salesforce-links.ts builds it). */
export interface LinkPattern {
  /** A global regular expression; each match is no longer than `longest` characters. */
  pattern: RegExp;
  longest: number;
  replace: (match: string, ...groups: (string | undefined)[]) => string;
}

/** A Transform rewriting every match of `links` in the bytes passing through (latin1: byte for char, so other bytes are kept). */
export function createLinkRewriteStream(links: LinkPattern): Transform {
  const pattern = new RegExp(links.pattern.source, links.pattern.flags);
  const hold = links.longest + 1;
  let carry = '';
  const rewrite = (text: string, limit: number): { out: string; rest: string } => {
    let out = '';
    let from = 0;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null && match.index < limit; match = pattern.exec(text)) {
      out += text.slice(from, match.index) + links.replace(match[0], ...match.slice(1));
      from = match.index + match[0].length;
    }
    const cut = Math.max(from, Math.min(limit, text.length));
    return { out: out + text.slice(from, cut), rest: text.slice(cut) };
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const text = carry + chunk.toString('latin1');
      const { out, rest } = rewrite(text, text.length - hold);
      carry = rest;
      done(null, out.length > 0 ? Buffer.from(out, 'latin1') : undefined);
    },
    flush(done) {
      // The end of the body is the end of any URL in it: everything left is decided now.
      const { out } = rewrite(carry, Infinity);
      carry = '';
      done(null, out.length > 0 ? Buffer.from(out, 'latin1') : undefined);
    },
  });
}
