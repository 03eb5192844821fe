/**
 * A record with no prototype, so client-chosen keys such as `__proto__` or `constructor` are plain
 * fields; `from` is copied in (stored records are copy-on-write).
 */
export function bareRecord<T>(from?: Readonly<Record<string, T>>): Record<string, T> {
  const record = Object.create(null) as Record<string, T>;
  return from ? Object.assign(record, from) : record;
}
