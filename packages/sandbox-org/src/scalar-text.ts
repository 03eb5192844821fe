/**
 * Text of a value from a client's JSON or a stored field. Stored values are scalars, so this is
 * String(); an object or array a client sent shows as JSON rather than "[object Object]".
 */
export function scalarText(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}
