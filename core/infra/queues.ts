import { type DefaultJobOptions, Queue, type QueueOptions } from "bullmq";
import type { QueueName } from "../contracts/queues.ts";
import type { RedisClient } from "./redis.ts";

/**
 * Retries back off exponentially with jitter, so a crowd of jobs that failed
 * together (Redis or the database away for a moment) does not retry in
 * lockstep. Finished jobs, completed or failed, are trimmed by both age and
 * count so Redis memory stays flat (test/integration/queue-bounds.test.ts),
 * while a recent job id is still known long enough to turn a duplicate add
 * into a no-op.
 */
export const defaultJobOptions: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: "exponential", delay: 1000, jitter: 0.5 },
  // An hour of history for the dashboard and for BullMQ's job-id dedupe of a
  // replayed outbox row; duplicates are stopped by the outbox status and the
  // send-log's lock, not by kept jobs, which were most of Redis per conversation.
  removeOnComplete: { age: 3600, count: 500 },
  // Failed jobs a fortnight for the dashboard, and never more than a few
  // thousand per queue: a poison burst must not fill Redis. A job failed for
  // good is in dead_letters (core/infra/jobs/dead-letters.ts) whatever is trimmed.
  removeOnFail: { age: 14 * 24 * 3600, count: 5000 },
};

export interface QueueSettings {
  connection: RedisClient;
  prefix: string;
}

export function createQueue(
  name: QueueName,
  settings: QueueSettings,
  extra: Partial<QueueOptions> = {},
): Queue {
  return new Queue(name, {
    connection: settings.connection,
    prefix: settings.prefix,
    defaultJobOptions,
    ...extra,
  });
}
