// The hot path's statement budget (issue #20): a text message of a known
// sender is claimed, read, decided and saved with its replies in one short
// transaction, and its replies are published from memory and marked in one
// more statement, on the real PostgreSQL and Redis.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInboundHandler } from "../../core/app/handle-inbound.ts";
import { loadConfig } from "../../core/config.ts";
import { QUEUE } from "../../core/contracts/queues.ts";
import { createDecider } from "../../core/domain/conversation/index.ts";
import { createCipher } from "../../core/infra/crypto.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { parseMasterKeys } from "../../core/infra/master-keys.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { conversationSettings } from "../../core/infra/services.ts";
import { WITH_DESK } from "../support/app.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL, TEST_SECRETS } from "../support/env.ts";
import { queueCache } from "../support/queue-cache.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("inbound-sql");
const cipher = createCipher({
  ...parseMasterKeys(TEST_SECRETS.MASTER_KEYS),
  hashKey: Buffer.from(TEST_SECRETS.HASH_KEY, "base64"),
});
const settings = conversationSettings(loadConfig(WITH_DESK));
let db: Database;
let redis: Redis;
const queues = queueCache(() => redis, prefix);

// Every statement this process sends through `pg`, with its text.
const sent: string[] = [];
const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
  redis = createRedis(TEST_REDIS_URL, "worker");
  (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
    this: pg.Client,
    ...args: unknown[]
  ) {
    const first = args[0] as string | { text?: string };
    sent.push(typeof first === "string" ? first : (first.text ?? ""));
    return original.apply(this, args);
  };
});
afterAll(async () => {
  (pg.Client.prototype as unknown as { query: typeof original }).query = original;
  await queues.closeAll();
  await redis.quit();
  await db.close();
  await deleteKeys(prefix);
});

function handler() {
  return createInboundHandler({
    prisma: db.prisma,
    cipher,
    decide: createDecider(settings),
    settings,
    queueFor: queues.queueFor,
    logger: createLogger({ level: "silent" }, { write: () => {} }),
  });
}

const text = (externalId: string, body: string, messageId = randomUUID()) =>
  ({
    channel: "TELEGRAM",
    messageId,
    sender: { externalId },
    at: new Date().toISOString(),
    content: { type: "text", text: body },
  }) as const;

describe("inbound statements", () => {
  it("handles a known sender's menu in one transaction of four statements, and publishes in one more", async () => {
    const user = `sql-${randomUUID()}`;
    const inbound = handler();
    await inbound.handle(text(user, "halo"));
    const from = sent.length;
    const outcome = await inbound.handle(text(user, "menu"));
    const statements = sent.slice(from);
    expect(outcome.type).toBe("handled");
    const replyIds = outcome.type === "handled" ? outcome.replyIds : [];
    expect(replyIds.length).toBeGreaterThan(0);
    // BEGIN, claim + contact + conversation, state + send-log + outbox, COMMIT; then the mark.
    expect(statements.map((s) => s.trim().split(/\s+/)[0]?.toUpperCase())).toEqual([
      "BEGIN",
      "WITH",
      "WITH",
      "COMMIT",
      "UPDATE",
    ]);
    // The replies are in the send-log, their outbox rows marked, their jobs queued by row id.
    const rows = await db.prisma.outboxEvent.findMany({
      where: { payload: { path: ["outboundMessageId"], equals: replyIds[0] } },
    });
    expect(rows.map((r) => r.status)).toEqual(["PUBLISHED"]);
    const job = await queues.get(QUEUE.outboundTelegram)?.getJob(rows[0]?.id ?? "none");
    expect(job?.data).toEqual({ outboundMessageId: replyIds[0] });
    const sentRows = await db.prisma.outboundMessage.findMany({ where: { id: { in: replyIds } } });
    expect(sentRows).toHaveLength(replyIds.length);
  });

  it("writes nothing for a message claimed before, in one statement after BEGIN", async () => {
    const user = `sql-dup-${randomUUID()}`;
    const inbound = handler();
    const first = text(user, "halo");
    const handled = await inbound.handle(first);
    const contactId = handled.type === "handled" ? handled.contactId : "none";
    const outbound = await db.prisma.outboundMessage.count({ where: { contactId } });
    expect(outbound).toBeGreaterThan(0);
    const from = sent.length;
    expect((await inbound.handle(first)).type).toBe("duplicate");
    expect(sent.slice(from).map((s) => s.trim().split(/\s+/)[0]?.toUpperCase())).toEqual([
      "BEGIN",
      "WITH",
      "COMMIT",
    ]);
    expect(await db.prisma.outboundMessage.count({ where: { contactId } })).toBe(outbound);
  });
});
