/**
 * One org's window as bytes, laid out exactly as the Redis string the Lua scripts keep (layout.ts):
 * big-endian i64 header fields, then big-endian u32 counters. The in-process store keeps windows in
 * this form and snapshots of both stores are read through it.
 */
import { HEADER_BYTES, HEADER_FIELDS, IN_FLIGHT_MINUTES, type HeaderField } from './layout.ts';
import { SLOTS } from './window.ts';

export const WINDOW_BYTES = HEADER_BYTES + SLOTS * 4;

export class WindowBuffer {
  readonly bytes: Buffer;

  /** Wrap a window read from Redis (shorter strings read as zeros beyond their end), or start an empty one. */
  constructor(from?: Buffer) {
    this.bytes = Buffer.alloc(WINDOW_BYTES);
    from?.copy(this.bytes, 0, 0, Math.min(from.length, WINDOW_BYTES));
  }

  get(field: HeaderField): number {
    return Number(this.bytes.readBigInt64BE(HEADER_FIELDS[field] * 8));
  }

  set(field: HeaderField, value: number): void {
    this.bytes.writeBigInt64BE(BigInt(value), HEADER_FIELDS[field] * 8);
  }

  inFlight(minute: number): number {
    return Number(this.bytes.readBigInt64BE((HEADER_FIELDS.inFlight + (minute % IN_FLIGHT_MINUTES)) * 8));
  }

  setInFlight(minute: number, value: number): void {
    this.bytes.writeBigInt64BE(BigInt(value), (HEADER_FIELDS.inFlight + (minute % IN_FLIGHT_MINUTES)) * 8);
  }

  /** Calls in flight over the tracked minutes. */
  inFlightTotal(): number {
    let sum = 0;
    for (let m = 0; m < IN_FLIGHT_MINUTES; m++) sum += this.inFlight(m);
    return sum;
  }

  count(bucket: number): number {
    return this.bytes.readUInt32BE(HEADER_BYTES + (bucket % SLOTS) * 4);
  }

  setCount(bucket: number, value: number): void {
    this.bytes.writeUInt32BE(value, HEADER_BYTES + (bucket % SLOTS) * 4);
  }

  /** Zero every counter (the whole window left). */
  clearCounts(): void {
    this.bytes.fill(0, HEADER_BYTES);
  }
}
