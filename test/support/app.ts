// Builders shared by the tests that drive the app on the real database.
import { randomUUID } from "node:crypto";
import type { Queue } from "bullmq";
import { v7 as uuidv7 } from "uuid";
import { createInboundHandler } from "../../core/app/handle-inbound.ts";
import { createTicketWorkflow } from "../../core/app/ticket-workflow.ts";
import { loadConfig } from "../../core/config.ts";
import type { QueueName } from "../../core/contracts/queues.ts";
import { createDecider, type TicketDraft } from "../../core/domain/conversation/index.ts";
import { DEFAULT_ROUTING_CONFIG } from "../../core/domain/routing/routing.defaults.ts";
import { DEFAULT_BUSINESS_CALENDAR } from "../../core/domain/sla/business-calendar.schema.ts";
import { type CalendarSource, fixedCalendar } from "../../core/domain/sla/calendar-overrides.ts";
import { DEFAULT_SLA_POLICY } from "../../core/domain/sla/sla.policy.ts";
import { DEFAULT_LIFECYCLE_POLICY } from "../../core/domain/ticket/ticket.policy.ts";
import { type Cipher, createCipher } from "../../core/infra/crypto.ts";
import type { Contact, Database } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { parseMasterKeys } from "../../core/infra/master-keys.ts";
import { createQueue } from "../../core/infra/queues.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { bound } from "../../core/infra/sealed-columns.ts";
import { conversationSettings } from "../../core/infra/services.ts";
import { createTicket } from "../../core/infra/stores/ticket.store.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL, TEST_SECRETS } from "./env.ts";
import { uniqueNik } from "./nik.ts";
import { deleteKeys } from "./redis.ts";

export const testCipher: Cipher = createCipher({
  ...parseMasterKeys(TEST_SECRETS.MASTER_KEYS),
  hashKey: Buffer.from(TEST_SECRETS.HASH_KEY, "base64"),
});

/** A contacts row as resolveContact writes it (id made first: the address is bound to it). */
export function contactData(
  channel: "TELEGRAM" | "CONSOLE" | "WHATSAPP" | "EMAIL",
  externalId: string,
  externalIdHash = `t-${randomUUID()}`,
) {
  const id = uuidv7();
  return {
    id,
    channel,
    externalIdHash,
    externalIdEnc: testCipher.seal(externalId, bound("contacts.external_id_enc", id)),
  };
}

/** A send-log row as queueUserMessage writes it. */
export function outboundData(
  contactId: string,
  channel: "TELEGRAM" | "CONSOLE" | "WHATSAPP",
  body: unknown,
) {
  const id = uuidv7();
  return {
    id,
    contactId,
    channel,
    bodyEnc: testCipher.seal(JSON.stringify(body), bound("outbound_messages.body_enc", id)),
  };
}

/** A send-log row's body, opened (null once erased). */
export function openOutbound(row: { id: string; bodyEnc: Uint8Array | null }): unknown {
  return row.bodyEnc === null
    ? null
    : JSON.parse(
        testCipher.openText(Buffer.from(row.bodyEnc), bound("outbound_messages.body_enc", row.id)),
      );
}

/** One Queue per name under the prefix; `closeAll()` in afterAll. */
export function testQueues(redis: Redis, prefix: string) {
  const queues = new Map<QueueName, Queue>();
  const queueFor = (name: QueueName) => {
    let queue = queues.get(name);
    if (!queue) {
      queue = createQueue(name, { connection: redis, prefix });
      queues.set(name, queue);
    }
    return queue;
  };
  return { queueFor, closeAll: () => Promise.all([...queues.values()].map((q) => q.close())) };
}

/** A worker connection and queues under `prefix`; `close()` also deletes the prefix's keys. */
export function testRedisQueues(prefix: string) {
  const redis = createRedis(TEST_REDIS_URL, "worker");
  const queues = testQueues(redis, prefix);
  return {
    redis,
    queueFor: queues.queueFor,
    async close() {
      await queues.closeAll();
      await redis.quit();
      await deleteKeys(prefix);
    },
  };
}

/** Configuration of an agents group (the desk itself is not started by these tests). */
export const WITH_DESK = {
  TELEGRAM_BOT_TOKEN: `1:${"a".repeat(35)}`,
  TELEGRAM_AGENT_CHAT_ID: "-1001",
};

/**
 * The inbound pipeline on the default conversation settings and the test keys,
 * as with an agents group configured ("petugas" reaches a person) unless
 * `withoutDesk`.
 */
export function testInbound(deps: {
  db: Database;
  queueFor: (name: QueueName) => Queue;
  logger: Logger;
  maxConcurrent?: number;
  withoutDesk?: boolean;
  maxQueued?: number;
}) {
  const settings = conversationSettings(loadConfig(deps.withoutDesk ? {} : WITH_DESK));
  return createInboundHandler({
    prisma: deps.db.prisma,
    cipher: testCipher,
    decide: createDecider(settings),
    settings,
    queueFor: deps.queueFor,
    logger: deps.logger,
    ...(deps.maxConcurrent === undefined ? {} : { maxConcurrent: deps.maxConcurrent }),
    ...(deps.maxQueued === undefined ? {} : { maxQueued: deps.maxQueued }),
  });
}

export function testWorkflow(deps: {
  db: Database;
  queueFor: (name: QueueName) => Queue;
  logger: Logger;
  now?: () => Date;
  /** The office calendar (default: Monday-Friday, no holidays). */
  calendar?: CalendarSource;
}) {
  return createTicketWorkflow({
    prisma: deps.db.prisma,
    cipher: testCipher,
    queueFor: deps.queueFor,
    logger: deps.logger,
    calendar: deps.calendar ?? fixedCalendar(DEFAULT_BUSINESS_CALENDAR),
    slaPolicy: DEFAULT_SLA_POLICY,
    lifecyclePolicy: DEFAULT_LIFECYCLE_POLICY,
    routing: DEFAULT_ROUTING_CONFIG,
    ...(deps.now ? { now: deps.now } : {}),
  });
}

/** A contact and a filed ticket, as the inbound pipeline would leave them. */
export async function newTicket(
  db: Database,
  at: Date,
  draft: Partial<TicketDraft> = {},
  channel: "TELEGRAM" | "CONSOLE" | "WHATSAPP" = "TELEGRAM",
) {
  const contact = await db.prisma.contact.create({
    data: contactData(channel, `user-${randomUUID()}`),
  });
  return fileTicketFor(db, testCipher, contact, at, draft);
}

/** A filed ticket of an existing contact (no documents unless the draft names some). */
export async function fileTicketFor(
  db: Database,
  cipher: Cipher,
  contact: Pick<Contact, "id" | "channel">,
  at: Date,
  draft: Partial<TicketDraft> = {},
) {
  const created = await db.prisma.$transaction((tx) =>
    createTicket(
      tx,
      cipher,
      contact,
      ticketDraft(at, {
        category: "DATA_PENYEDIA",
        description: "Data penyedia perlu diverifikasi ulang setelah perubahan akta.",
        ...draft,
      }),
      at,
    ),
  );
  return { ...created, contactId: contact.id };
}

/** A complete ticket draft as the intake hands it to createTicket ("forgotten password"). */
export function ticketDraft(at: Date, overrides: Partial<TicketDraft> = {}): TicketDraft {
  return {
    category: "LUPA_PASSWORD",
    name: "Siti Aminah",
    nik: uniqueNik(),
    role: "PENYEDIA",
    organisation: "CV Kapuas",
    email: "siti@example.com",
    phone: "+6281234567890",
    description: "Tidak bisa masuk SPSE, lupa password.",
    actingForOther: false,
    attachments: [],
    consentAt: at.toISOString(),
    language: "id",
    ...overrides,
  };
}

/** The texts queued for a contact, oldest first. */
export async function messagesTo(db: Database, contactId: string): Promise<string[]> {
  const rows = await db.prisma.outboundMessage.findMany({
    where: { contactId },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => (openOutbound(r) as { text?: string } | null)?.text ?? "");
}

/** The configuration of a whole app under test: the run's database, Redis under `prefix`, shared keys. */
export function testAppConfig(prefix: string, dataDir: string, extra: Record<string, string> = {}) {
  return loadConfig({
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    DATA_DIR: dataDir,
    LOG_LEVEL: "debug",
    // Tests type a whole intake in a second; the flood tests set their own limits.
    RATE_LIMIT_BURST: "1000",
    // Tests of the intake type a description that help articles would answer:
    // the self-service tests turn the articles on.
    SELF_SERVICE_ENABLED: "false",
    ...TEST_SECRETS,
    ...extra,
  });
}

/** A debug logger whose lines the test can read (e.g. to prove nothing personal is logged). */
export function capturingLogger() {
  const lines: string[] = [];
  return {
    lines,
    logger: createLogger({ level: "debug" }, { write: (l: string) => lines.push(l) }),
  };
}
