// BullMQ on the real Redis, with a key prefix of its own.
import { randomUUID } from "node:crypto";
import { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maintenanceWorker } from "../../core/app/jobs/maintenance.worker.ts";
import { QUEUE } from "../../core/contracts/queues.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createQueue } from "../../core/infra/queues.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { testCipher } from "../support/app.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../support/env.ts";
import { jobOutcome } from "../support/jobs.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("queues");
const logger = createLogger({ level: "silent" }, { write: () => {} });
let connection: Redis;
let db: Database;

beforeAll(async () => {
  connection = createRedis(TEST_REDIS_URL, "worker");
  db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
});
afterAll(async () => {
  await connection.quit();
  await db.close();
  await deleteKeys(prefix);
});

describe("BullMQ on the real Redis", () => {
  it("processes an added job exactly once, and a repeated jobId adds nothing", async () => {
    const queue = createQueue(QUEUE.maintenance, { connection, prefix: `${prefix}:raw` });
    const seen: unknown[] = [];
    const worker = new Worker(
      QUEUE.maintenance,
      async (job) => {
        seen.push(job.data);
        return { echoed: job.data.n };
      },
      { connection, prefix: `${prefix}:raw` },
    );
    try {
      const job = await queue.add("echo", { n: 42 }, { jobId: "fixed-id" });
      const again = await queue.add("echo", { n: 43 }, { jobId: "fixed-id" });
      expect(again.id).toBe(job.id);
      expect(await jobOutcome(queue, job)).toEqual({ echoed: 42 });
      expect(seen).toEqual([{ n: 42 }]);
    } finally {
      await worker.close();
      await queue.close();
    }
    const keys = await connection.keys(`${prefix}:raw:*`);
    expect(keys.length).toBeGreaterThan(0);
  });

  it("runs the maintenance worker against PostgreSQL and refuses a bad payload at once", async () => {
    const tag = randomUUID();
    const old = new Date(Date.now() - 100 * 3600_000);
    await db.prisma.processedMessage.createMany({
      data: [
        { channel: "TELEGRAM", messageId: `old-${tag}`, processedAt: old },
        { channel: "TELEGRAM", messageId: `new-${tag}` },
      ],
    });
    const queue = createQueue(QUEUE.maintenance, { connection, prefix });
    const worker = maintenanceWorker({ prisma: db.prisma, cipher: testCipher })({
      connection,
      prefix,
      logger,
    });
    try {
      const good = await queue.add("prune", {
        type: "prune-processed-messages",
        olderThanHours: 72,
      });
      const result = await jobOutcome(queue, good);
      expect(result.pruned).toBeGreaterThanOrEqual(1);
      const left = await db.prisma.processedMessage.findMany({
        where: { messageId: { endsWith: tag } },
      });
      expect(left.map((r) => r.messageId)).toEqual([`new-${tag}`]);

      const bad = await queue.add("prune", {
        type: "prune-processed-messages",
        olderThanHours: -5,
      });
      await expect(jobOutcome(queue, bad)).rejects.toThrow(/Invalid maintenance job/);
      const failed = await queue.getJob(bad.id ?? "");
      // UnrecoverableError: one attempt, no retries scheduled despite attempts: 8.
      expect(failed?.attemptsMade).toBe(1);
      expect(await failed?.getState()).toBe("failed");
    } finally {
      await worker.close();
      await queue.close();
    }
  });
});
