/**
 * A FIFO of (time, count) pairs in typed arrays, growing by doubling. Calls made in the same
 * millisecond share one entry, so memory follows the number of distinct busy milliseconds.
 */
export class TimeCountQueue {
  private times = new Float64Array(64);
  private counts = new Uint32Array(64);
  private head = 0;
  private length = 0;

  /** Number of entries (distinct milliseconds), not calls. */
  get size(): number {
    return this.length;
  }

  /** Add `count` calls at `time`; times must be pushed in non-decreasing order. */
  push(time: number, count: number): void {
    const cap = this.times.length;
    if (this.length > 0) {
      const tail = (this.head + this.length - 1) & (cap - 1);
      if (this.times[tail] === time) {
        this.counts[tail] = (this.counts[tail] ?? 0) + count;
        return;
      }
    }
    if (this.length === cap) this.grow();
    const at = (this.head + this.length) & (this.times.length - 1);
    this.times[at] = time;
    this.counts[at] = count;
    this.length++;
  }

  /** Time of the oldest entry, or undefined when empty. */
  peekTime(): number | undefined {
    return this.length > 0 ? this.times[this.head] : undefined;
  }

  /** Remove the oldest entry and return its call count (0 when empty). */
  shift(): number {
    if (this.length === 0) return 0;
    const count = this.counts[this.head] ?? 0;
    this.head = (this.head + 1) & (this.times.length - 1);
    this.length--;
    return count;
  }

  private grow(): void {
    // Capacity stays a power of two so indexes wrap with a mask.
    const cap = this.times.length;
    const times = new Float64Array(cap * 2);
    const counts = new Uint32Array(cap * 2);
    for (let i = 0; i < this.length; i++) {
      const from = (this.head + i) & (cap - 1);
      times[i] = this.times[from] ?? 0;
      counts[i] = this.counts[from] ?? 0;
    }
    this.times = times;
    this.counts = counts;
    this.head = 0;
  }
}
