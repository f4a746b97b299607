// The workers process (`npm run start:workers`: workers/main.ts) killed with
// SIGKILL while it is routing tickets, then started again. Jobs it held are
// orphaned in BullMQ's active list; the new process finds them stalled once
// their lock (WORKER_LOCK_MS) lapses and runs them again. Routing and the
// request form are idempotent, so every ticket ends routed once, with one
// form, and every user gets each message once.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUE } from "../../core/contracts/queues.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createQueue } from "../../core/infra/queues.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { newTicket, openOutbound } from "../support/app.ts";
import { isolatedDatabase } from "../support/database.ts";
import { TEST_REDIS_URL, TEST_SECRETS } from "../support/env.ts";
import { freePort, type Started, waitForOk } from "../support/process.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";
import { runEntryDirect, waitFor } from "./fault-kit.ts";

const prefix = uniquePrefix("wcrash");
const TICKETS = 24;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let db: Database;
let redis: Redis;
let dataDir: string;
let workers: Started | undefined;

beforeAll(async () => {
  database = await isolatedDatabase("wcrash");
  db = await openDatabase({ kind: "postgres", url: database.url });
  redis = createRedis(TEST_REDIS_URL, "worker");
  dataDir = await mkdtemp(path.join(tmpdir(), "lpse-wcrash-"));
}, 60_000);

afterAll(async () => {
  workers?.child.kill("SIGKILL");
  await workers?.exit;
  await db.close();
  await redis.quit();
  await deleteKeys(prefix);
  await database.drop();
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

async function startWorkersProcess(): Promise<Started> {
  const port = await freePort();
  const app = runEntryDirect("workers/main.ts", [], {
    ...TEST_SECRETS,
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    DATA_DIR: dataDir,
    HTTP_PORT: String(port),
    WORKER_LOCK_MS: "2000",
  });
  await waitForOk(`http://127.0.0.1:${port}/readyz`, app, 90_000);
  return app;
}

const routedCount = () => db.prisma.ticketEvent.count({ where: { actorId: "routing" } });

describe("the workers process killed with SIGKILL mid-job", () => {
  it("runs the orphaned jobs again after a restart: each ticket routed once, each message once", async () => {
    const tickets: Awaited<ReturnType<typeof newTicket>>[] = [];
    for (let i = 0; i < TICKETS; i++) tickets.push(await newTicket(db, new Date()));
    const queue = createQueue(QUEUE.tickets, { connection: redis, prefix });
    try {
      workers = await startWorkersProcess();
      // Killed while it holds jobs: some tickets done, others in its hands.
      await waitFor(async () => (await routedCount()) >= 3, 60_000, "the first tickets routed");
      const active = await waitFor(async () => (await queue.getActiveCount()) || null, 30_000);
      workers.child.kill("SIGKILL");
      await workers.exit;
      workers = undefined;
      const routedAtKill = await routedCount();
      expect(active).toBeGreaterThan(0);
      expect(routedAtKill).toBeLessThan(TICKETS);
      // The dead process's jobs are still "active": nobody is working on them.
      expect(await queue.getActiveCount()).toBeGreaterThan(0);

      workers = await startWorkersProcess();
      await waitFor(
        async () => (await routedCount()) === TICKETS,
        120_000,
        "every ticket routed after the restart",
      );
      await waitFor(async () => (await queue.getCompletedCount()) === TICKETS, 60_000);
      expect(await queue.getFailedCount()).toBe(0);
      // The request forms are rendered off the routing path, on their own queue.
      await waitFor(
        async () =>
          (await db.prisma.attachment.count({
            where: { ticketId: { in: tickets.map((t) => t.ticketId) }, kind: "REQUEST_FORM" },
          })) >= TICKETS,
        120_000,
        "every ticket's request form",
      );
    } finally {
      await queue.close();
    }

    for (const { ticketId, contactId } of tickets) {
      const routed = await db.prisma.ticketEvent.count({ where: { ticketId, actorId: "routing" } });
      expect(routed).toBe(1);
      const forms = await db.prisma.attachment.count({ where: { ticketId, kind: "REQUEST_FORM" } });
      expect(forms).toBe(1);
      // What the user was sent: no body twice.
      const bodies = (await db.prisma.outboundMessage.findMany({ where: { contactId } })).map(
        (row) => JSON.stringify(openOutbound(row)),
      );
      expect(bodies.length).toBeGreaterThan(0);
      expect(new Set(bodies).size).toBe(bodies.length);
    }
  }, 300_000);
});
