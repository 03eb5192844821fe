/**
 * Real-time waits (latency, hang faults) that closing the sandbox can cut short, so `close()` never
 * waits for a 10-minute hang and no timer keeps the process alive.
 */
export class Timers {
  private readonly pending = new Set<() => void>();

  /** Resolve after `ms` of wall-clock time, or as soon as cancelAll() is called. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.pending.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.pending.add(finish);
    });
  }

  /** End every pending wait now. */
  cancelAll(): void {
    for (const finish of [...this.pending]) finish();
  }
}
