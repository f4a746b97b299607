// What a job came to, read from the job itself rather than from QueueEvents.
//
// BullMQ's `job.waitUntilFinished(queueEvents)` can miss a job that finishes
// fast: `QueueEvents.waitUntilReady()` resolves once the connection is up, before
// its blocking XREAD from "$" is issued, so a completion that falls between the
// job's "not finished yet" check and that XREAD is never seen and the wait times
// out (seen in CI on a loaded machine, holiday-check.test.ts). Polling the job's
// own state has no such window.
import { setTimeout as sleep } from "node:timers/promises";
import { Job, type Queue } from "bullmq";

/**
 * Waits until the job is completed (resolves with its return value) or has
 * failed for good (rejects with its failure reason), polling its state.
 */
// biome-ignore lint/suspicious/noExplicitAny: a job's return value is whatever its processor returned
export async function jobOutcome<T = any>(
  queue: Queue,
  job: Job | string,
  timeoutMs = 10_000,
): Promise<T> {
  const id = typeof job === "string" ? job : job.id;
  if (!id) throw new Error("the job has no id");
  const until = Date.now() + timeoutMs;
  for (;;) {
    // The state first, then the job: a finished job's hash holds its outcome.
    const state = await queue.getJobState(id);
    if (state === "completed" || state === "failed") {
      const finished = await Job.fromId(queue, id);
      if (!finished) throw new Error(`job ${id} is gone from ${queue.name}`);
      if (state === "failed") throw new Error(finished.failedReason);
      return finished.returnvalue as T;
    }
    if (state === "unknown") throw new Error(`job ${id} is not on ${queue.name}`);
    if (Date.now() > until) {
      throw new Error(`job ${id} on ${queue.name} still ${state} after ${timeoutMs} ms`);
    }
    await sleep(20);
  }
}
