// LIKE matching. Salesforce's LIKE is case-insensitive; '%' is any sequence, '_' one
// character, and '\%', '\_' (and any '\x' in the lexer's LIKE form) a literal character.
// A hand-written matcher instead of a RegExp: patterns like '%a%a%a%a%b' make backtracking
// regexes exponential, while this greedy-star algorithm is O(pattern × text) at worst.

const ONE = -1;
const ANY = -2;

/** Compiles the lexer's LIKE form into a predicate over (non-null) text. */
export function compileLike(likeForm: string): (text: string) => boolean {
  const items: number[] = []; // lower-cased char codes, or ONE / ANY
  let literal = '';
  let onlyEdgeStars = true;
  for (let i = 0; i < likeForm.length; i += 1) {
    const c = likeForm[i] as string;
    if (c === '\\' && i + 1 < likeForm.length) {
      i += 1;
      pushLiteral(items, likeForm[i] as string);
      literal += likeForm[i];
    } else if (c === '%' || c === '_') {
      if (items.at(-1) === ANY && c === '%') continue; // '%%' is the same as '%'
      items.push(c === '%' ? ANY : ONE);
      if (c === '_') onlyEdgeStars = false;
    } else {
      pushLiteral(items, c);
      literal += c;
    }
  }
  const lower = literal.toLowerCase();
  const lead = items[0] === ANY;
  const trail = items.length > 1 && items.at(-1) === ANY;
  const inner = items.slice(lead ? 1 : 0, trail ? -1 : undefined);
  // Fast paths for the common shapes: 'abc', 'abc%', '%abc', '%abc%'.
  if (onlyEdgeStars && !inner.includes(ANY)) {
    if (lead && trail) return (t) => t.toLowerCase().includes(lower);
    if (lead) return (t) => t.toLowerCase().endsWith(lower);
    if (trail) return (t) => t.toLowerCase().startsWith(lower);
    return (t) => t.toLowerCase() === lower;
  }
  return (t) => globMatch(items, t.toLowerCase());
}

function pushLiteral(items: number[], ch: string): void {
  const lower = ch.toLowerCase(); // may be longer than one code unit (e.g. 'İ')
  for (let k = 0; k < lower.length; k += 1) items.push(lower.charCodeAt(k));
}

function globMatch(p: readonly number[], s: string): boolean {
  let pi = 0;
  let si = 0;
  let starP = -1;
  let starS = 0;
  while (si < s.length) {
    const item = pi < p.length ? (p[pi] as number) : null;
    if (item === ANY) {
      starP = pi;
      starS = si;
      pi += 1;
    } else if (item !== null && (item === ONE || item === s.charCodeAt(si))) {
      pi += 1;
      si += 1;
    } else if (starP >= 0) {
      // Let the last '%' swallow one more character and retry from there.
      pi = starP + 1;
      starS += 1;
      si = starS;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === ANY) pi += 1;
  return pi === p.length;
}
