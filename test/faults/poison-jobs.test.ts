// Poison jobs: a payload that never parses, a job about a ticket that does not
// exist, and a job that throws on every attempt. Each ends in the dead-letter
// table (and its alert) after the attempts it deserves, and the good jobs
// queued around them are all done.
import { randomUUID } from "node:crypto";
import type { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ticketRoutingWorker } from "../../core/app/jobs/ticket-routing.worker.ts";
import { QUEUE } from "../../core/contracts/queues.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { deadLetterRecorder } from "../../core/infra/jobs/dead-letters.ts";
import { defineWorker } from "../../core/infra/jobs/define-worker.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { newTicket, testQueues, testWorkflow } from "../support/app.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../support/env.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";
import { waitFor } from "./fault-kit.ts";

const prefix = uniquePrefix("poison");
const logger = createLogger({ level: "silent" }, { write: () => {} });
let db: Database;
let redis: Redis;
let queues: ReturnType<typeof testQueues>;
const workers: Worker[] = [];

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
  redis = createRedis(TEST_REDIS_URL, "worker");
  queues = testQueues(redis, prefix);
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await queues.closeAll();
  await redis.quit();
  await db.close();
  await deleteKeys(prefix);
});

const deadLetter = (queue: string, jobId: string) =>
  db.prisma.deadLetter.findUnique({ where: { queue_jobId: { queue, jobId } } });

describe("poison jobs", () => {
  it("dead-letters bad ticket jobs at once and routes the good ones queued around them", async () => {
    const onDeadLetter = deadLetterRecorder({
      prisma: db.prisma,
      queueFor: queues.queueFor,
      logger,
    });
    const workflow = testWorkflow({ db, queueFor: queues.queueFor, logger });
    workers.push(
      ticketRoutingWorker({ workflow })({ connection: redis, prefix, logger, onDeadLetter }),
    );
    const tickets = queues.queueFor(QUEUE.tickets);
    const good = await Promise.all([0, 1, 2].map(() => newTicket(db, new Date())));
    const unparsable = `poison-${randomUUID()}`;
    const missing = `missing-${randomUUID()}`;
    await tickets.add("ticket.created", { ticketId: good[0]?.ticketId });
    await tickets.add("ticket.created", { ticket: 42, "<script>": "x" }, { jobId: unparsable });
    await tickets.add("ticket.created", { ticketId: good[1]?.ticketId });
    await tickets.add("ticket.created", { ticketId: randomUUID() }, { jobId: missing });
    await tickets.add("ticket.created", { ticketId: good[2]?.ticketId });

    const letters = await waitFor(async () => {
      const found = await Promise.all([
        deadLetter(QUEUE.tickets, unparsable),
        deadLetter(QUEUE.tickets, missing),
      ]);
      return found.every(Boolean) && found;
    });
    // UnrecoverableError: no retries burnt on a job that can never succeed.
    expect(letters.map((l) => l?.attempts)).toEqual([1, 1]);
    expect(letters[0]?.error).toContain("Invalid tickets job");
    expect(letters[1]?.error).toContain("does not exist");
    await waitFor(async () => {
      const routed = await db.prisma.ticket.count({
        where: { id: { in: good.map((t) => t.ticketId) }, team: { not: null } },
      });
      return routed === good.length;
    });
    // Each dead letter raised one alert for the agents.
    const alerts = await queues.queueFor(QUEUE.agentAlerts).getJobs(["waiting", "delayed"]);
    const ids = new Set(letters.map((l) => l?.id));
    expect(alerts.filter((a) => ids.has(a.data?.deadLetterId)).length).toBe(2);
  }, 60_000);

  it("dead-letters a job that throws on every attempt after its retries, without holding the queue", async () => {
    const onDeadLetter = deadLetterRecorder({
      prisma: db.prisma,
      queueFor: queues.queueFor,
      logger,
    });
    const done: number[] = [];
    let poisonRuns = 0;
    workers.push(
      defineWorker({
        queue: QUEUE.maintenance,
        schema: z.object({ n: z.number().int() }),
        async handle({ n }) {
          if (n < 0) {
            poisonRuns++;
            throw new Error("always fails");
          }
          done.push(n);
          return null;
        },
      })({ connection: redis, prefix, logger, onDeadLetter }),
    );
    const queue = queues.queueFor(QUEUE.maintenance);
    const poison = `always-${randomUUID()}`;
    await queue.add(
      "n",
      { n: -1 },
      { jobId: poison, attempts: 3, backoff: { type: "fixed", delay: 100 } },
    );
    for (let n = 0; n < 10; n++) await queue.add("n", { n });
    const letter = await waitFor(() => deadLetter(QUEUE.maintenance, poison));
    expect(letter.attempts).toBe(3);
    expect(poisonRuns).toBe(3);
    await waitFor(() => done.length === 10);
    expect([...done].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  }, 60_000);
});
