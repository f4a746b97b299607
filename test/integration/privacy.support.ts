// Shared set-up of the data-rights, survey and relay tests: the inbound
// pipeline, the ticket workflow and the conversations worker on the real
// PostgreSQL and Redis, under one queue prefix per test file.
import { randomUUID } from "node:crypto";
import type { InboundHandler } from "../../core/app/handle-inbound.ts";
import { conversationsWorker } from "../../core/app/jobs/conversations.worker.ts";
import type { TicketWorkflow } from "../../core/app/ticket-workflow.ts";
import { toPlainText } from "../../core/content/markup.render.ts";
import type { InboundContent, TextBody } from "../../core/contracts/messages.ts";
import type { QueueName } from "../../core/contracts/queues.ts";
import type { TicketDraft } from "../../core/domain/conversation/index.ts";
import type { Actor } from "../../core/domain/ticket/ticket.actor.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger, type Logger } from "../../core/infra/logger.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { loadConversation } from "../../core/infra/stores/conversation.store.ts";
import { createTicket } from "../../core/infra/stores/ticket.store.ts";
import { openOutbound, testCipher, testInbound, testQueues, testWorkflow } from "../support/app.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../support/env.ts";
import { jobOutcome } from "../support/jobs.ts";
import { uniqueNik } from "../support/nik.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

export const PHONE = "+6281234567890";
export const helpdesk: Actor = { type: "AGENT", agentId: "agent-helpdesk", role: "HELPDESK" };

export interface Harness {
  db: Database;
  redis: Redis;
  prefix: string;
  logger: Logger;
  queueFor: (name: QueueName) => ReturnType<ReturnType<typeof testQueues>["queueFor"]>;
  inbound: InboundHandler;
  workflow: TicketWorkflow;
  /** A user of the Telegram channel, as a channel would hand their messages in. */
  user(label: string): TestUser;
  close(): Promise<void>;
}

export interface TestUser {
  externalId: string;
  send(content: InboundContent, at?: Date): ReturnType<InboundHandler["handle"]>;
  say(text: string, at?: Date): ReturnType<InboundHandler["handle"]>;
  contactId(): Promise<string>;
  /** Texts sent to this user, oldest first. */
  replies(): Promise<string[]>;
  state(): ReturnType<typeof loadConversation>;
  /** A filed ticket of this contact (as the intake would leave it), with a KTP photo. */
  fileTicket(
    at?: Date,
    draft?: Partial<TicketDraft>,
  ): Promise<{ ticketId: string; number: string }>;
}

export async function createHarness(
  label: string,
  databaseUrl = TEST_DATABASE_URL,
): Promise<Harness> {
  const prefix = uniquePrefix(label);
  const logger = createLogger({ level: "silent" }, { write: () => {} });
  const db = await openDatabase({ kind: "postgres", url: databaseUrl });
  const redis = createRedis(TEST_REDIS_URL, "worker");
  const queues = testQueues(redis, prefix);
  const inbound = testInbound({ db, queueFor: queues.queueFor, logger });
  const workflow = testWorkflow({ db, queueFor: queues.queueFor, logger });

  const user = (name: string): TestUser => {
    const externalId = `${name}-${randomUUID()}`;
    const contactId = async () =>
      (
        await db.prisma.contact.findUniqueOrThrow({
          where: {
            channel_externalIdHash: {
              channel: "TELEGRAM",
              externalIdHash: testCipher.hash("channel-external-id", `TELEGRAM:${externalId}`),
            },
          },
        })
      ).id;
    const send = (content: InboundContent, at = new Date()) =>
      inbound.handle({
        channel: "TELEGRAM",
        messageId: randomUUID(),
        sender: { externalId },
        at: at.toISOString(),
        content,
      });
    return {
      externalId,
      send,
      say: (text, at) => send({ type: "text", text }, at),
      contactId,
      async replies() {
        const rows = await db.prisma.outboundMessage.findMany({
          where: { contactId: await contactId() },
          orderBy: { createdAt: "asc" },
        });
        // As a numbered-list channel shows them, markup resolved (core/content/markup.ts).
        return rows.map((r) => {
          const body = openOutbound(r) as TextBody | null;
          if (body === null) return "[dihapus]";
          return toPlainText(body.text, { style: "numbers", choices: body.choices ?? [] });
        });
      },
      async state() {
        return loadConversation(db.prisma, testCipher, await contactId());
      },
      async fileTicket(at = new Date(), draft: Partial<TicketDraft> = {}) {
        const id = await contactId();
        const ktp = await inbound.storeMedia({
          channel: "TELEGRAM",
          sender: { externalId },
          bytes: (await import("../fixtures/files.ts")).jpegFile(3000),
        });
        if (!ktp.ok) throw new Error(`KTP not stored: ${ktp.reason}`);
        const created = await db.prisma.$transaction((tx) =>
          createTicket(
            tx,
            testCipher,
            { id, channel: "TELEGRAM" },
            {
              category: "LUPA_PASSWORD",
              name: "Siti Aminah",
              nik: uniqueNik("6171", "0003"),
              role: "PENYEDIA",
              organisation: "CV Kapuas Raya",
              email: "siti.aminah@kapuasraya.co.id",
              phone: PHONE,
              description: "Saya lupa password akun SPSE dan e-mail reset tidak masuk.",
              actingForOther: false,
              attachments: [{ mediaId: ktp.mediaId, kind: "KTP" }],
              consentAt: at.toISOString(),
              language: "id",
              ...draft,
            },
            at,
          ),
        );
        return { ticketId: created.ticketId, number: created.number };
      },
    };
  };

  return {
    db,
    redis,
    prefix,
    logger,
    queueFor: queues.queueFor,
    inbound,
    workflow,
    user,
    async close() {
      await queues.closeAll();
      await redis.quit();
      await db.close();
      await deleteKeys(prefix);
    },
  };
}

/**
 * Runs the conversations worker until the outbox rows of `ticketId` with the
 * given names have been processed (their jobs finished).
 */
export async function runConversationJobs(h: Harness, ticketId: string, names: string[]) {
  const worker = conversationsWorker({
    prisma: h.db.prisma,
    cipher: testCipher,
    inbound: h.inbound,
  })({ connection: h.redis, prefix: h.prefix, logger: h.logger });
  try {
    const rows = await h.db.prisma.outboxEvent.findMany({
      where: { name: { in: names }, payload: { path: ["ticketId"], equals: ticketId } },
      orderBy: { createdAt: "asc" },
    });
    const results = [];
    for (const row of rows) {
      const job = await h.queueFor("conversations").getJob(row.id);
      if (!job) throw new Error(`job ${row.id} (${row.name}) was not published`);
      results.push(await jobOutcome(h.queueFor("conversations"), job, 15_000));
    }
    return { rows, results };
  } finally {
    await worker.close();
  }
}
