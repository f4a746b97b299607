// Every queue keeps a bounded history (issue #20 point 5): completed and
// failed jobs are trimmed by both count and age, on the real Redis. The queues
// are enumerated from the contract, so a new queue without bounds fails here;
// jobs as the producers add them (the outbox's publish, the schedulers) carry
// the bounds too.
import { Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUE, type QueueName } from "../../core/contracts/queues.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { openQueueMonitor, type QueueMonitor } from "../../core/infra/queue-monitor.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { addOutbox, publishOutbox } from "../../core/infra/stores/outbox.store.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../support/env.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("queue-bounds");
const logger = createLogger({ level: "silent" }, { write: () => {} });
let redis: Redis;
let db: Database;
let monitor: QueueMonitor;
const NAMES = Object.values(QUEUE) as QueueName[];

beforeAll(async () => {
  redis = createRedis(TEST_REDIS_URL, "worker");
  db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
  monitor = openQueueMonitor({ connection: redis, prefix, logger });
});
afterAll(async () => {
  await monitor.close();
  await redis.quit();
  await db.close();
  await deleteKeys(prefix);
});

/** A KeepJobs bounded by both a positive count and a positive age. */
function expectBounded(keep: unknown, what: string) {
  expect(keep, what).toBeTypeOf("object");
  const { count, age } = keep as { count?: number; age?: number };
  expect(Number.isInteger(count) && (count ?? 0) > 0, `${what}: count ${count}`).toBe(true);
  expect(Number.isInteger(age) && (age ?? 0) > 0, `${what}: age ${age}`).toBe(true);
}

describe("bounded job history", () => {
  it("every queue of the contract trims completed and failed jobs by count and age", () => {
    expect(monitor.queues.map((q) => q.name).sort()).toEqual([...NAMES].sort());
    for (const queue of monitor.queues) {
      expectBounded(queue.defaultJobOptions.removeOnComplete, `${queue.name} removeOnComplete`);
      expectBounded(queue.defaultJobOptions.removeOnFail, `${queue.name} removeOnFail`);
    }
  });

  it("a job published from the outbox to any queue carries the bounds", async () => {
    const ids = await db.prisma.$transaction(async (tx) =>
      Promise.all(NAMES.map((name) => addOutbox(tx, name, "bounds-probe", { probe: name }))),
    );
    expect(await publishOutbox(db.prisma, monitor.queueFor, { ids })).toBe(NAMES.length);
    for (const [i, name] of NAMES.entries()) {
      const job = await Job.fromId(monitor.queueFor(name), ids[i] ?? "");
      expectBounded(job?.opts.removeOnComplete, `${name} job removeOnComplete`);
      expectBounded(job?.opts.removeOnFail, `${name} job removeOnFail`);
    }
    // Nobody consumes this prefix's queues; the probe rows must not reach a relay.
    await db.prisma.outboxEvent.deleteMany({ where: { id: { in: ids } } });
  });

  it("a scheduler's jobs carry the bounds", async () => {
    const maintenance = monitor.queueFor(QUEUE.maintenance);
    await maintenance.upsertJobScheduler(
      "bounds-probe",
      { pattern: "15 3 * * *", tz: "Asia/Jakarta" },
      { name: "holiday-check", data: { type: "holiday-check" } },
    );
    const [next] = await maintenance.getDelayed();
    expectBounded(next?.opts.removeOnComplete, "scheduled removeOnComplete");
    expectBounded(next?.opts.removeOnFail, "scheduled removeOnFail");
  });
});
