// The sender's statement budget (issue #20): one send-log row goes out in
// two statements (read + lease, then the mark), no transaction held across
// the send, on the real PostgreSQL and Redis; a second delivery of the same
// row still sends nothing.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboundSendWorker } from "../../bot/outbound-send.worker.ts";
import { outboundQueue } from "../../core/contracts/queues.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createQueue } from "../../core/infra/queues.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { redisAcceptedSends } from "../../core/infra/stores/accepted-sends.store.ts";
import { resolveContact } from "../../core/infra/stores/contact.store.ts";
import { queueUserMessage } from "../../core/infra/stores/outbound.store.ts";
import type { OutboundChannel } from "../../core/ports/channel.port.ts";
import { testCipher } from "../support/app.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../support/env.ts";
import { jobOutcome } from "../support/jobs.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("outbound-sql");
const logger = createLogger({ level: "silent" }, { write: () => {} });
let db: Database;
let redis: Redis;

// Every statement this process sends through `pg`, with its text.
const statements: string[] = [];
const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
  redis = createRedis(TEST_REDIS_URL, "worker");
  (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
    this: pg.Client,
    ...args: unknown[]
  ) {
    const first = args[0] as string | { text?: string };
    statements.push(typeof first === "string" ? first : (first.text ?? ""));
    return original.apply(this, args);
  };
});
afterAll(async () => {
  (pg.Client.prototype as unknown as { query: typeof original }).query = original;
  await redis.quit();
  await db.close();
  await deleteKeys(prefix);
});

const verbs = (list: string[]) => list.map((s) => s.trim().split(/\s+/)[0]?.toUpperCase());

describe("outbound statements", () => {
  it("sends a row in two statements, and skips its second delivery in one", async () => {
    const contact = await resolveContact(db.prisma, testCipher, "TELEGRAM", {
      externalId: `sql-out-${randomUUID()}`,
    });
    const { messageId } = await db.prisma.$transaction((tx) =>
      queueUserMessage(tx, testCipher, contact, { kind: "text", text: "Pesan uji." }),
    );
    const sent: string[] = [];
    const channel: OutboundChannel = {
      channel: "TELEGRAM",
      async send(_recipient, body, id) {
        sent.push(`${id}:${body.kind === "text" ? body.text : ""}`);
        return { providerId: `p-${id}` };
      },
    };
    const worker = outboundSendWorker({
      prisma: db.prisma,
      cipher: testCipher,
      channel,
      accepted: redisAcceptedSends({ redis, prefix }),
    })({ connection: redis, prefix, logger });
    const queue = createQueue(outboundQueue("TELEGRAM"), { connection: redis, prefix });
    try {
      const from = statements.length;
      const first = await queue.add(
        "outbound.send",
        { outboundMessageId: messageId },
        { jobId: "a" },
      );
      expect(await jobOutcome(queue, first)).toEqual({ sent: true, attempt: 1 });
      // Read + lease, then the mark: nothing else, no BEGIN/COMMIT.
      expect(verbs(statements.slice(from))).toEqual(["WITH", "UPDATE"]);

      const again = statements.length;
      const second = await queue.add(
        "outbound.send",
        { outboundMessageId: messageId },
        { jobId: "b" },
      );
      expect(await jobOutcome(queue, second)).toEqual({ skipped: "already sent" });
      expect(verbs(statements.slice(again))).toEqual(["WITH"]);
    } finally {
      await worker.close();
      await queue.close();
    }
    expect(sent).toEqual([`${messageId}:Pesan uji.`]);
    const row = await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: messageId } });
    expect(row).toMatchObject({
      status: "SENT",
      providerId: `p-${messageId}`,
      attempts: 1,
      sendLeaseJob: null,
      sendLeaseUntil: null,
    });
  });
});
