/** A deferred push as the queue keeps it: the request, who it is for, and when it may run. */
import type { Priority } from '../limiter/types.ts';
import type { PushBody } from '../sync/push-input.ts';
import type { RelationshipName } from '../sync/relationships.ts';

export interface PushJobData {
  orgId: string;
  /** The org incarnation it was accepted for: an org deleted and created again does not run it. */
  incarnation: string;
  relationship: RelationshipName;
  body: PushBody;
  priority: Priority;
  /** ISO time the push was accepted. */
  acceptedAt: string;
  /** Set while the limiter has no room: when its window is expected to (the limiter's clock, epoch ms). */
  dueAt?: number;
  /** Why it waits: the limiter's refusal code. */
  waitingFor?: string;
  /** Pushed with an Idempotency-Key (the job id is derived from it). */
  idempotent?: boolean;
}

/** BullMQ priority (lower runs first): interactive, then sync, then bulk; FIFO within one. */
export const QUEUE_PRIORITY: Record<Priority, number> = { interactive: 1, sync: 2, bulk: 3 };

/** Jobs and their results are kept this long after they end; Idempotency-Keys as long. */
export const JOB_RETENTION_MS = 24 * 60 * 60 * 1000;
