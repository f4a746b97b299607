import { type Job, UnrecoverableError, Worker } from "bullmq";
import type { z } from "zod";
import type { QueueName } from "../../contracts/queues.ts";
import { scrubJobError } from "../error-scrub.ts";
import type { Logger } from "../logger.ts";
import { instrumentWorker, type QueueMetrics } from "../queue-metrics.ts";
import type { RedisClient } from "../redis.ts";

export interface WorkerDeps {
  /** A connection with `maxRetriesPerRequest: null`; BullMQ duplicates it for blocking calls. */
  connection: RedisClient;
  prefix: string;
  logger: Logger;
  /** Called once for a job that will not be retried again (exhausted or unrecoverable). */
  onDeadLetter?: (job: Job, err: Error) => Promise<void>;
  /** Job durations, waits and failures for /metrics. */
  metrics?: QueueMetrics;
  /** Lock and stall timings; the defaults (30 s) suit production, fault tests shorten them. */
  timing?: { lockDuration?: number; stalledInterval?: number };
}

/** Worker timing for a lock of `lockMs`: stalled jobs are looked for as often. */
export function lockTiming(lockMs: number | undefined): Pick<WorkerDeps, "timing"> {
  return lockMs === undefined ? {} : { timing: { lockDuration: lockMs, stalledInterval: lockMs } };
}

/** Whether BullMQ is done with this job after this failure. */
export function isFinalFailure(job: Job, err: Error): boolean {
  return err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
}

export interface WorkerDefinition<S extends z.ZodType, R> {
  queue: QueueName;
  schema: S;
  concurrency?: number;
  /** `token` is the job's lock token (for job.moveToDelayed). */
  handle(data: z.infer<S>, job: Job, token?: string): Promise<R>;
}

/**
 * Every worker parses `job.data` with its schema first: a payload that does
 * not parse will never parse, so it fails at once with UnrecoverableError
 * instead of burning retries. Anything else thrown is transient and retried.
 */
export function defineWorker<S extends z.ZodType, R>(definition: WorkerDefinition<S, R>) {
  return (deps: WorkerDeps): Worker => {
    const log = deps.logger.child({ queue: definition.queue });
    const worker = new Worker(
      definition.queue,
      async (job: Job, token?: string) => {
        const parsed = definition.schema.safeParse(job.data);
        if (!parsed.success) {
          throw new UnrecoverableError(`Invalid ${definition.queue} job: ${parsed.error.message}`);
        }
        try {
          return await definition.handle(parsed.data, job, token);
        } catch (err) {
          // BullMQ keeps the message and stack of a failed job in Redis.
          throw scrubJobError(err);
        }
      },
      {
        connection: deps.connection,
        prefix: deps.prefix,
        concurrency: definition.concurrency ?? 1,
        ...deps.timing,
      },
    );
    if (deps.metrics) instrumentWorker(worker, deps.metrics);
    worker.on("failed", (job, err) => {
      log.warn({ jobId: job?.id, attempts: job?.attemptsMade, err }, "Job failed");
      if (job && deps.onDeadLetter && isFinalFailure(job, err)) {
        deps
          .onDeadLetter(job, err)
          .catch((e) => log.error({ err: e, jobId: job.id }, "Could not record dead letter"));
      }
    });
    worker.on("error", (err) => log.error({ err }, "Worker error"));
    return worker;
  };
}
