// Faults that must not lose or duplicate anything: a worker killed in the
// middle of a job, a crash between commit and publish, a job delivered twice,
// and a Redis restart while jobs are queued.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { outboundSendWorker } from "../../bot/outbound-send.worker.ts";
import { startOutboxRelay } from "../../core/app/jobs/outbox-relay.ts";
import { ticketRoutingWorker } from "../../core/app/jobs/ticket-routing.worker.ts";
import { ticketCreatedJobSchema } from "../../core/contracts/messages.ts";
import { outboundQueue, QUEUE } from "../../core/contracts/queues.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { defineWorker } from "../../core/infra/jobs/define-worker.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createQueue } from "../../core/infra/queues.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { ensureRedis } from "../../core/infra/redis-server.ts";
import { redisAcceptedSends } from "../../core/infra/stores/accepted-sends.store.ts";
import { queueUserMessage } from "../../core/infra/stores/outbound.store.ts";
import { addOutbox, publishOutbox } from "../../core/infra/stores/outbox.store.ts";
import type { OutboundChannel } from "../../core/ports/channel.port.ts";
import { messagesTo, newTicket, testCipher, testQueues, testWorkflow } from "../support/app.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../support/env.ts";
import { jobOutcome } from "../support/jobs.ts";
import { freePort } from "../support/process.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("faults");
const logger = createLogger({ level: "silent" }, { write: () => {} });
let db: Database;
let redis: Redis;
let queues: ReturnType<typeof testQueues>;

/** A channel that records what it sent, as the real adapters' interface. */
function recordingChannel(channel: "TELEGRAM" | "CONSOLE" = "TELEGRAM") {
  const sent: { messageId: string; text: string }[] = [];
  const adapter: OutboundChannel = {
    channel,
    async send(_recipient, body, messageId) {
      sent.push({ messageId, text: body.kind === "text" ? body.text : `[${body.fileName}]` });
      return { providerId: String(sent.length) };
    },
  };
  return { adapter, sent };
}

async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  ms = 15_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
  redis = createRedis(TEST_REDIS_URL, "worker");
  queues = testQueues(redis, prefix);
});
afterAll(async () => {
  await queues.closeAll();
  await redis.quit();
  await db.close();
  await deleteKeys(prefix);
});

describe("fault tolerance", () => {
  it("re-runs a job whose worker died mid-job, and the user still gets one message", async () => {
    const workflow = testWorkflow({ db, queueFor: queues.queueFor, logger });
    const { ticketId, contactId } = await newTicket(db, new Date());
    const deps = { connection: redis, prefix, logger };
    // Worker A does the real routing, then hangs as if its process froze
    // before telling BullMQ the job was done.
    let hung = false;
    const dying = defineWorker({
      queue: QUEUE.tickets,
      schema: ticketCreatedJobSchema,
      async handle({ ticketId: id }) {
        await workflow.routeTicket(id);
        hung = true;
        return new Promise(() => {});
      },
    })({ ...deps, timing: { lockDuration: 1000, stalledInterval: 500 } });
    await queues.queueFor(QUEUE.tickets).add("ticket.created", { ticketId });
    await waitFor(async () => hung);
    await dying.close(true); // killed: no completion, the lock just lapses

    const rescuer: Worker = ticketRoutingWorker({ workflow })({
      ...deps,
      timing: { lockDuration: 1000, stalledInterval: 500 },
    });
    try {
      const result = await waitFor(async () => {
        const [job] = await queues.queueFor(QUEUE.tickets).getJobs(["completed"]);
        return job?.returnvalue as { outcome: string } | undefined;
      });
      expect(result).toEqual({ outcome: "already routed" });
    } finally {
      await rescuer.close();
    }
    expect(await messagesTo(db, contactId)).toHaveLength(1);
    expect(await db.prisma.ticketEvent.count({ where: { ticketId, actorId: "routing" } })).toBe(1);
  }, 30_000);

  it("publishes outbox rows left behind by a crash between commit and publish", async () => {
    const ids = await db.prisma.$transaction(async (tx) => [
      await addOutbox(tx, QUEUE.handoffs, "handoff.requested", {
        contactId: "01a22300-0000-7000-8000-000000000001",
      }),
      await addOutbox(tx, QUEUE.handoffs, "handoff.requested", {
        contactId: "01a22300-0000-7000-8000-000000000002",
      }),
    ]);
    // The process died here: committed, never published.
    const relay = startOutboxRelay({
      prisma: db.prisma,
      queueFor: queues.queueFor,
      logger,
      intervalMs: 60_000,
      graceMs: -1000,
    });
    try {
      expect(await relay.runOnce()).toBeGreaterThanOrEqual(2);
      expect(await relay.runOnce()).toBe(0);
    } finally {
      await relay.close();
    }
    for (const id of ids) {
      expect((await queues.queueFor(QUEUE.handoffs).getJob(id))?.name).toBe("handoff.requested");
      expect((await db.prisma.outboxEvent.findUniqueOrThrow({ where: { id } })).status).toBe(
        "PUBLISHED",
      );
    }
    // A second publish of the same row (two relays racing) adds no second job:
    // the job keeps the first payload.
    await queues
      .queueFor(QUEUE.handoffs)
      .add("handoff.requested", { contactId: "other" }, { jobId: ids[0] });
    expect((await queues.queueFor(QUEUE.handoffs).getJob(ids[0] ?? ""))?.data).toEqual({
      contactId: "01a22300-0000-7000-8000-000000000001",
    });
  });

  it("keeps a row whose publish failed for the relay, and publishes the rest", async () => {
    const [good, bad] = await db.prisma.$transaction(async (tx) => [
      await addOutbox(tx, QUEUE.handoffs, "handoff.requested", {
        contactId: "01a22300-0000-7000-8000-000000000003",
      }),
      await addOutbox(tx, QUEUE.maintenance, "n", { n: -1 }),
    ]);
    // Redis refuses the second queue's add, as when it goes away mid-publish.
    const flaky = (name: Parameters<typeof queues.queueFor>[0]) => {
      const queue = queues.queueFor(name);
      if (name !== QUEUE.maintenance) return queue;
      return Object.assign(Object.create(queue), {
        add: () => Promise.reject(new Error("Connection is closed.")),
      });
    };
    expect(await publishOutbox(db.prisma, flaky, { ids: [good ?? "", bad ?? ""] })).toBe(1);
    const rows = await db.prisma.outboxEvent.findMany({
      where: { id: { in: [good ?? "", bad ?? ""] } },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(good ?? "")?.status).toBe("PUBLISHED");
    expect(byId.get(bad ?? "")).toMatchObject({
      status: "PENDING",
      attempts: 1,
      lastError: "Connection is closed.",
    });
    // The relay's next pass, with Redis back, publishes it.
    expect(await publishOutbox(db.prisma, queues.queueFor, { ids: [bad ?? ""] })).toBe(1);
    await queues.queueFor(QUEUE.maintenance).remove(bad ?? "");
  });

  it("sends a message once when its job is delivered twice", async () => {
    const { contactId } = await newTicket(db, new Date());
    const contact = await db.prisma.contact.findUniqueOrThrow({ where: { id: contactId } });
    const { messageId } = await db.prisma.$transaction((tx) =>
      queueUserMessage(tx, testCipher, contact, {
        kind: "text",
        text: "Pesan uji, satu kali saja.",
      }),
    );
    const { adapter, sent } = recordingChannel("TELEGRAM");
    const worker = outboundSendWorker({
      prisma: db.prisma,
      cipher: testCipher,
      channel: adapter,
      accepted: redisAcceptedSends({ redis, prefix: `${prefix}:dup` }),
    })({
      connection: redis,
      prefix: `${prefix}:dup`,
      logger,
    });
    const queue = createQueue(outboundQueue("TELEGRAM"), {
      connection: redis,
      prefix: `${prefix}:dup`,
    });
    try {
      // Two jobs for the same send-log row, as a redelivery or a replayed outbox would make.
      const first = await queue.add(
        "outbound.send",
        { outboundMessageId: messageId },
        { jobId: "a" },
      );
      const second = await queue.add(
        "outbound.send",
        { outboundMessageId: messageId },
        { jobId: "b" },
      );
      const results = [await jobOutcome(queue, first), await jobOutcome(queue, second)];
      expect(results).toContainEqual({ skipped: "already sent" });
    } finally {
      await worker.close();
      await queue.close();
    }
    expect(sent.filter((s) => s.messageId === messageId)).toEqual([
      { messageId, text: "Pesan uji, satu kali saja." },
    ]);
    expect(
      (await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: messageId } })).status,
    ).toBe("SENT");
  });

  it("loses no queued job when Redis restarts", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "lpse-redis-restart-"));
    const url = `redis://127.0.0.1:${await freePort()}`;
    const settings = { url, autostart: true, dir };
    let server = await ensureRedis(settings, logger);
    const connection = createRedis(url, "worker");
    connection.on("error", () => {});
    const queue = createQueue(QUEUE.maintenance, { connection, prefix });
    const seen: number[] = [];
    const total = 40;
    try {
      for (let n = 0; n < total / 2; n++) await queue.add("n", { n }, { jobId: `n-${n}` });
      // Restart: SIGTERM makes redis-server write its AOF; the same data dir comes back.
      await server?.stop();
      server = await ensureRedis(settings, logger);
      for (let n = total / 2; n < total; n++) await queue.add("n", { n }, { jobId: `n-${n}` });
      const worker = defineWorker({
        queue: QUEUE.maintenance,
        schema: z.object({ n: z.number().int() }),
        async handle({ n }) {
          seen.push(n);
          return null;
        },
      })({ connection, prefix, logger });
      await waitFor(async () => seen.length >= total);
      // Restart again while the worker is connected: it waits and carries on.
      await server?.stop();
      server = await ensureRedis(settings, logger);
      await queue.add("n", { n: total }, { jobId: `n-${total}` });
      await waitFor(async () => seen.length >= total + 1);
      await worker.close();
    } finally {
      await queue.close();
      connection.disconnect();
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: total + 1 }, (_, i) => i));
  }, 60_000);
});
