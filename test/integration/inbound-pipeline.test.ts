// The inbound pipeline on the real PostgreSQL and Redis: a message is handled
// once however often it arrives, two processes answering the same chat at once
// lose no answer, and idle drafts are reminded by the timeout sweep.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInboundHandler, type InboundHandler } from "../../core/app/handle-inbound.ts";
import { createTimeoutSweep } from "../../core/app/jobs/conversation-timeouts.ts";
import { loadConfig } from "../../core/config.ts";
import type { InboundContent } from "../../core/contracts/messages.ts";
import { QUEUE } from "../../core/contracts/queues.ts";
import { createDecider } from "../../core/domain/conversation/index.ts";
import { createCipher } from "../../core/infra/crypto.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { parseMasterKeys } from "../../core/infra/master-keys.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { bound } from "../../core/infra/sealed-columns.ts";
import { conversationSettings } from "../../core/infra/services.ts";
import { loadConversation } from "../../core/infra/stores/conversation.store.ts";
import { newTicket, WITH_DESK } from "../support/app.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL, TEST_SECRETS } from "../support/env.ts";
import { queueCache } from "../support/queue-cache.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("inbound");
const logger = createLogger({ level: "silent" }, { write: () => {} });
const cipher = createCipher({
  ...parseMasterKeys(TEST_SECRETS.MASTER_KEYS),
  hashKey: Buffer.from(TEST_SECRETS.HASH_KEY, "base64"),
});
// With an agents group: "petugas" hands the chat to a person.
const settings = conversationSettings(loadConfig(WITH_DESK));
let db: Database;
let redis: Redis;
const queues = queueCache(() => redis, prefix);

function handler(): InboundHandler {
  return createInboundHandler({
    prisma: db.prisma,
    cipher,
    decide: createDecider(settings),
    settings,
    queueFor: queues.queueFor,
    logger,
  });
}

function message(
  externalId: string,
  content: InboundContent,
  at = new Date(),
  messageId = randomUUID(),
) {
  return {
    channel: "TELEGRAM",
    messageId,
    sender: { externalId },
    at: at.toISOString(),
    content,
  } as const;
}

async function repliesTo(externalId: string): Promise<string[]> {
  const contact = await db.prisma.contact.findUniqueOrThrow({
    where: {
      channel_externalIdHash: {
        channel: "TELEGRAM",
        externalIdHash: cipher.hash("channel-external-id", `TELEGRAM:${externalId}`),
      },
    },
  });
  const rows = await db.prisma.outboundMessage.findMany({
    where: { contactId: contact.id },
    orderBy: { createdAt: "asc" },
  });
  return rows.map(
    (r) =>
      JSON.parse(
        cipher.openText(Buffer.from(r.bodyEnc ?? []), bound("outbound_messages.body_enc", r.id)),
      ).text as string,
  );
}

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
  redis = createRedis(TEST_REDIS_URL, "worker");
});
afterAll(async () => {
  await queues.closeAll();
  await redis.quit();
  await db.close();
  await deleteKeys(prefix);
});

describe("inbound pipeline", () => {
  it("handles a redelivered message once", async () => {
    const user = `dup-${randomUUID()}`;
    const inbound = handler();
    const first = message(user, { type: "text", text: "halo" });
    const outcomes = await Promise.all([
      inbound.handle(first),
      inbound.handle(first),
      handler().handle(first),
    ]);
    expect(outcomes.filter((o) => o.type === "handled")).toHaveLength(1);
    expect(outcomes.filter((o) => o.type === "duplicate")).toHaveLength(2);
    expect(await repliesTo(user)).toHaveLength(1);
    // Each reply is a job on the channel's outbound queue, carrying only the row id.
    const jobs = await queues
      .get(QUEUE.outboundTelegram)
      ?.getJobs(["waiting", "delayed", "active"]);
    expect(jobs?.every((j) => Object.keys(j.data).join() === "outboundMessageId")).toBe(true);
  });

  it("answers both of two messages sent at once to two processes", async () => {
    const user = `race-${randomUUID()}`;
    const [processA, processB] = [handler(), handler()];
    await processA.handle(message(user, { type: "text", text: "halo" }));
    await processA.handle(message(user, { type: "text", text: "1" }));
    // Two answers at once, each to another process: the optimistic version
    // check makes one of them decide again on the other's state.
    const t = new Date();
    const [a, b] = await Promise.all([
      processA.handle(message(user, { type: "text", text: "lupa password" }, t)),
      processB.handle(message(user, { type: "text", text: "menu" }, new Date(t.getTime() + 1))),
    ]);
    expect([a.type, b.type]).toEqual(["handled", "handled"]);
    const contact = await db.prisma.contact.findFirstOrThrow({
      where: { externalIdHash: cipher.hash("channel-external-id", `TELEGRAM:${user}`) },
    });
    const stored = await loadConversation(db.prisma, cipher, contact.id);
    // Four messages, each decided once, in one line of versions.
    expect(stored.version).toBe(3);
    expect((await repliesTo(user)).length).toBeGreaterThanOrEqual(4);
  });

  it("refuses a malformed message without touching the database", async () => {
    const outcome = await handler().handle({
      channel: "FAX",
      messageId: "",
      sender: {},
      at: "yesterday",
    });
    expect(outcome.type).toBe("invalid");
  });

  it("reminds an idle draft once through the timeout sweep", async () => {
    const user = `idle-${randomUUID()}`;
    const inbound = handler();
    const start = new Date(Date.now() - 40 * 60_000);
    await inbound.handle(message(user, { type: "text", text: "halo" }, start));
    await inbound.handle(
      message(user, { type: "text", text: "1" }, new Date(start.getTime() + 1000)),
    );
    await inbound.handle(
      message(user, { type: "text", text: "lupa password" }, new Date(start.getTime() + 2000)),
    );
    const before = (await repliesTo(user)).length;

    // Other test files run workers on this database too, so their sweep may be
    // the one that delivers it; either way it must arrive exactly once.
    const sweep = createTimeoutSweep({ prisma: db.prisma, cipher, inbound, logger });
    await sweep.runOnce();
    const after = await repliesTo(user);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatch(/draf|permohonan/i);
    // The next wake-up is the expiry, not another reminder.
    await sweep.runOnce();
    expect(await repliesTo(user)).toHaveLength(before + 1);
  });

  it("asks the desk for a human and alerts the staff when a user says petugas", async () => {
    const user = `handoff-${randomUUID()}`;
    const inbound = handler();
    await inbound.handle(message(user, { type: "text", text: "halo" }));
    const outcome = await inbound.handle(message(user, { type: "text", text: "petugas" }));
    if (outcome.type !== "handled") throw new Error(outcome.type);
    const rows = await db.prisma.outboxEvent.findMany({
      where: {
        name: "handoff.requested",
        payload: { path: ["contactId"], equals: outcome.contactId },
      },
    });
    expect(rows.map((r) => r.queue).sort()).toEqual([QUEUE.agentAlerts, QUEUE.handoffs].sort());
    expect(rows.every((r) => r.status === "PUBLISHED")).toBe(true);
    // The check that someone answered waits, delayed, for the end of the service time.
    const check = await db.prisma.outboxEvent.findFirstOrThrow({
      where: { name: "handoff.check", payload: { path: ["contactId"], equals: outcome.contactId } },
    });
    expect(check.queue).toBe(QUEUE.conversations);
    expect(check.deliverAt?.getTime()).toBeGreaterThan(Date.now());
    // The bot says staff will answer; the first message gets a receipt, the next none.
    expect((await repliesTo(user)).at(-1)).toMatch(/petugas/i);
    const first = await inbound.handle(message(user, { type: "text", text: "halo?" }));
    expect(first).toMatchObject({ type: "handled", replyIds: [expect.any(String)] });
    expect((await repliesTo(user)).at(-1)).toContain("sudah kami teruskan kepada petugas");
    const quiet = await inbound.handle(message(user, { type: "text", text: "ada orang?" }));
    expect(quiet).toMatchObject({ type: "handled", replyIds: [] });
  });

  it("shows a ticket's status only to the contact who filed it", async () => {
    const { number } = await newTicket(db, new Date());
    const stranger = `stranger-${randomUUID()}`;
    const inbound = handler();
    await inbound.handle(message(stranger, { type: "text", text: "halo" }));
    await inbound.handle(message(stranger, { type: "text", text: `status ${number}` }));
    const answer = (await repliesTo(stranger)).at(-1) ?? "";
    expect(answer).toContain(`Tiket ${number} tidak ditemukan`);
    expect(answer).not.toContain("Baru");
  });

  it("files a service complaint for the analyst", async () => {
    const user = `complaint-${randomUUID()}`;
    const inbound = handler();
    await inbound.handle(message(user, { type: "text", text: "halo" }));
    await inbound.handle(message(user, { type: "text", text: "4" }));
    await inbound.handle(
      message(user, {
        type: "text",
        text: "Petugas tidak membalas pesan saya selama dua hari kerja.",
      }),
    );
    const complaint = await db.prisma.complaint.findFirst({
      where: { text: "Petugas tidak membalas pesan saya selama dua hari kerja." },
    });
    expect(complaint?.status).toBe("BARU");
    const outbox = await db.prisma.outboxEvent.findFirstOrThrow({
      where: {
        name: "complaint.filed",
        payload: { path: ["complaintId"], equals: complaint?.id ?? "" },
      },
    });
    expect(outbox.status).toBe("PUBLISHED");
    expect(outbox.queue).toBe(QUEUE.agentAlerts);
    expect((await queues.get(QUEUE.agentAlerts)?.getJob(outbox.id))?.data).toEqual({
      type: "complaint",
      complaintId: complaint?.id,
    });
  });
});
