// Queue metrics for /metrics. Job counts are read from Redis at scrape time
// (at most once per `cacheMs`), so every process reports the whole queue
// whoever consumes it; durations,
// waits and failures come from the events of the workers in this process.
import type { Job, Queue, Worker } from "bullmq";
import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { Logger } from "./logger.ts";
import { cachedRefresh } from "./metrics-cache.ts";

/** The states getJobCounts() reports by default, one series each. */
export const JOB_STATES = [
  "waiting",
  "active",
  "delayed",
  "failed",
  "completed",
  "prioritized",
  "waiting-children",
] as const;

/** What instrumentWorker feeds; one set per registry (see registerQueueMetrics). */
export interface QueueMetrics {
  duration: Histogram<"queue" | "status">;
  wait: Histogram<"queue">;
  failures: Counter<"queue" | "final">;
}

export function registerQueueMetrics(opts: {
  registry: Registry;
  queues: readonly Queue[];
  logger: Logger;
  /** A scrape must not hang on a Redis that accepts but never answers. */
  timeoutMs?: number;
  /** Read the counts again at most this often (0: on every scrape). */
  cacheMs?: number;
}): QueueMetrics {
  const { registry, queues, logger } = opts;
  const timeoutMs = opts.timeoutMs ?? 2000;

  const gauge = new Gauge({
    name: "helpdesk_queue_jobs",
    help: "Jobs in each BullMQ queue by state, read from Redis at scrape time",
    labelNames: ["queue", "state"],
    registers: [registry],
    collect: () => recount(),
  });
  const recount = cachedRefresh(opts.cacheMs ?? 0, async () => {
    const results = await Promise.allSettled(
      queues.map(async (queue) => ({
        queue: queue.name,
        counts: await withTimeout(queue.getJobCounts(...JOB_STATES), timeoutMs),
      })),
    );
    // Start from empty so a queue that could not be read has no series
    // rather than the numbers of an earlier scrape.
    gauge.reset();
    const failed: { queue: string; err: string }[] = [];
    results.forEach((result, i) => {
      if (result.status === "fulfilled") {
        for (const state of JOB_STATES) {
          gauge.set({ queue: result.value.queue, state }, result.value.counts[state] ?? 0);
        }
      } else {
        const err = result.reason instanceof Error ? result.reason.message : String(result.reason);
        failed.push({ queue: queues[i]?.name ?? "?", err });
      }
    });
    // One line per scrape, not one per queue, while Redis is away.
    if (failed.length) logger.warn({ failed }, "Could not read queue job counts for /metrics");
  });

  return {
    duration: new Histogram({
      name: "helpdesk_queue_job_duration_seconds",
      help: "Processing time of one job attempt, by queue and outcome (completed or failed)",
      labelNames: ["queue", "status"],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
    wait: new Histogram({
      name: "helpdesk_queue_job_wait_seconds",
      help: "Time a job waited for a worker on its first attempt (from added, plus any delay, to started)",
      labelNames: ["queue"],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
      registers: [registry],
    }),
    failures: new Counter({
      name: "helpdesk_queue_job_failures_total",
      help: 'Failed job attempts by queue; final="true" when no retry follows (job is in the failed set)',
      labelNames: ["queue", "final"],
      registers: [registry],
    }),
  };
}

/**
 * Feeds the metrics from one worker's events. Call it once per Worker, right
 * after creating it; the returned function removes the listeners again.
 */
export function instrumentWorker(worker: Worker, metrics: QueueMetrics): () => void {
  const queue = worker.name;
  const onCompleted = (job: Job) => {
    observeAttempt(metrics, queue, job, "completed");
  };
  const onFailed = (job: Job | undefined) => {
    if (!job) {
      // BullMQ may report a failure without the job; it is still a failure.
      metrics.failures.inc({ queue, final: "true" });
      return;
    }
    observeAttempt(metrics, queue, job, "failed");
    // BullMQ sets finishedOn only when the job moves to the failed set; a
    // failure it will retry leaves it unset.
    metrics.failures.inc({ queue, final: String(typeof job.finishedOn === "number") });
  };
  worker.on("completed", onCompleted);
  worker.on("failed", onFailed);
  return () => {
    worker.off("completed", onCompleted);
    worker.off("failed", onFailed);
  };
}

function observeAttempt(
  metrics: QueueMetrics,
  queue: string,
  job: Job,
  status: "completed" | "failed",
) {
  const started = job.processedOn;
  if (typeof started !== "number") return;
  // A retried failure has no finishedOn yet: the attempt ended now.
  const finished = typeof job.finishedOn === "number" ? job.finishedOn : Date.now();
  metrics.duration.observe({ queue, status }, seconds(finished - started));
  // Later attempts wait out their backoff, which says nothing about how busy
  // the queue is, so only first attempts count as queue wait.
  if (job.attemptsStarted <= 1) {
    // BullMQ zeroes job.delay once a delayed job is promoted; opts.delay keeps it.
    const delay = Math.max(Number(job.delay) || 0, Number(job.opts.delay) || 0);
    const ready = Number(job.timestamp) + delay;
    metrics.wait.observe({ queue }, seconds(started - ready));
  }
}

function seconds(ms: number): number {
  // Clocks of different hosts may disagree a little; a negative time is noise.
  return Math.max(0, ms) / 1000;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
