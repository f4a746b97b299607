// Prisma's errors quote the query: a failed create carries the ticket's name,
// e-mail and request text in its message, a failed raw query the value it
// choked on. Provoked on the real PostgreSQL, such errors must reach the logs
// and BullMQ's failed jobs (Redis) as codes and field names only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { QUEUE } from "../../core/contracts/queues.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { defineWorker } from "../../core/infra/jobs/define-worker.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { capturingLogger, testQueues } from "../support/app.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../support/env.ts";
import { jobOutcome } from "../support/jobs.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const NAME = "Rahmawati Kusumaningrum";
const EMAIL = "rahma.kusuma@kapuasraya.co.id";
const TEXT = "Akun SPSE saya diblokir sejak tender jalan Ngabang";
let db: Database;
let redis: Redis;
const prefix = uniquePrefix("prisma-errors");

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
  redis = createRedis(TEST_REDIS_URL, "worker");
});
afterAll(async () => {
  await redis.quit();
  await db.close();
  await deleteKeys(prefix);
});

/** A create Prisma refuses (an unknown field), with personal values in its arguments. */
const badCreate = () =>
  db.prisma.complaint.create({
    data: {
      contactId: "0190a000-0000-7000-8000-000000000001",
      channel: "TELEGRAM",
      text: `${NAME} ${EMAIL}: ${TEXT}`,
      applicantName: NAME,
    } as never,
  });
/** A raw query that fails on a value the user typed. */
const badRaw = () => db.prisma.$queryRaw`SELECT ${NAME}::uuid`;

async function caught(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected Prisma to refuse");
}

describe("Prisma errors", () => {
  it("quote the values they failed on (what this guards against)", async () => {
    expect((await caught(badCreate)).message).toContain(NAME);
    expect((await caught(badRaw)).message).toContain(NAME);
  });

  it("are logged as their kind and code, never their values, also as a cause", async () => {
    const { lines, logger } = capturingLogger();
    const create = await caught(badCreate);
    const raw = await caught(badRaw);
    logger.error({ err: create }, "Complaint not saved");
    logger.error({ err: new Error("Ticket not saved", { cause: raw }) }, "Inbound failed");
    logger.warn(raw, "Raw query failed");
    const out = lines.join("\n");
    for (const secret of [NAME, EMAIL, TEXT, "Kusumaningrum"]) expect(out).not.toContain(secret);
    expect(lines).toHaveLength(3);
    const [first, second] = lines.map((l) => JSON.parse(l));
    expect(first.err.type).toBe("PrismaClientValidationError");
    expect(second.err.message).toContain("Ticket not saved");
    expect(second.err.message).toMatch(/PrismaClientKnownRequestError P\d{4}/);
    expect(second.err.stack).toContain("    at ");
  });

  it("fail a job with their code only: nothing personal in Redis", async () => {
    const queues = testQueues(redis, prefix);
    const worker = defineWorker({
      queue: QUEUE.maintenance,
      schema: z.object({ n: z.number() }),
      async handle() {
        await badCreate();
      },
    })({ connection: redis, prefix, logger: capturingLogger().logger });
    try {
      const job = await queues.queueFor(QUEUE.maintenance).add("bad", { n: 1 }, { attempts: 1 });
      await expect(jobOutcome(queues.queueFor(QUEUE.maintenance), job)).rejects.toThrow(
        /PrismaClientValidationError/,
      );
      const keys = await redis.keys(`${prefix}:*`);
      const stored = await Promise.all(
        keys.map(async (key) => {
          const type = await redis.type(key);
          if (type === "hash") return JSON.stringify(await redis.hgetall(key));
          if (type === "stream") return JSON.stringify(await redis.xrange(key, "-", "+"));
          return "";
        }),
      );
      const all = stored.join("\n");
      expect(all).toContain("PrismaClientValidationError");
      for (const secret of [NAME, EMAIL, TEXT]) expect(all).not.toContain(secret);
    } finally {
      await worker.close();
      await queues.closeAll();
    }
  });
});
