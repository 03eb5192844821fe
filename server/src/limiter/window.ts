/**
 * The rolling-window arithmetic both stores share. Calls are counted in one-minute buckets; a bucket
 * leaves the window whole, one minute after its last possible call would, so the limiter can only be
 * stricter than an exact log, by less than one bucket.
 */
export const WINDOW_MS = 24 * 60 * 60 * 1000;
export const BUCKET_MS = 60 * 1000;
/** Buckets that can hold calls still inside the window: the current one and the 1,440 before it. */
export const SLOTS = WINDOW_MS / BUCKET_MS + 1;

/** The bucket a moment falls in. */
export function bucketOf(ms: number): number {
  return Math.floor(ms / BUCKET_MS);
}

/** When the calls counted in a bucket are released (leave the window). */
export function releaseTimeOf(bucket: number): number {
  return (bucket + 1) * BUCKET_MS + WINDOW_MS;
}

/** Oldest bucket still inside the window at `current`. */
export function oldestLiveBucket(current: number): number {
  return current - SLOTS + 1;
}

/** A point-in-time copy of one org's window: `counts[i]` belongs to bucket `firstBucket + i`. */
export interface WindowSnapshot {
  now: number;
  firstBucket: number;
  counts: number[];
  total: number;
}

/**
 * When enough calls have left the window to free `need` calls, given the live buckets oldest first.
 * Returns undefined when even an empty window would not free that many.
 */
export function releaseTimeFor(need: number, snapshot: WindowSnapshot): number | undefined {
  if (need <= 0) return snapshot.now;
  let released = 0;
  for (let i = 0; i < snapshot.counts.length; i++) {
    released += snapshot.counts[i] ?? 0;
    if (released >= need) return releaseTimeOf(snapshot.firstBucket + i);
  }
  return undefined;
}

/** When the next call leaves the window (now, when the window is empty). */
export function nextReleaseTime(snapshot: WindowSnapshot): number {
  const at = releaseTimeFor(1, snapshot);
  return at ?? snapshot.now;
}
