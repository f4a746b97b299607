// Back-pressure on the real PostgreSQL and Redis (issue #20, point 6): with
// the inbound line held (its one slot taken by a decision that waits), users
// whose messages queue up behind it hear at once that their message arrived,
// once per saturation episode and in their language; when the line moves on,
// every message is decided exactly once, in each sender's order, and answered.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInboundHandler } from "../../core/app/handle-inbound.ts";
import type { InboundOutcome } from "../../core/app/inbound-turn.ts";
import { loadConfig } from "../../core/config.ts";
import { BUSY_ACK_NOTICE } from "../../core/content/messages/flood.messages.ts";
import { outboundBodySchema } from "../../core/contracts/messages.ts";
import { QUEUE } from "../../core/contracts/queues.ts";
import { createDecider, type Decide } from "../../core/domain/conversation/index.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { conversationSettings } from "../../core/infra/services.ts";
import { contactIdHash } from "../../core/infra/stores/contact.store.ts";
import { openOutbound, testCipher, WITH_DESK } from "../support/app.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../support/env.ts";
import { queueCache } from "../support/queue-cache.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("inbound-pressure");
const settings = conversationSettings(loadConfig(WITH_DESK));
let db: Database;
let redis: Redis;
const queues = queueCache(() => redis, prefix);

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

/** The real engine; records every text it decides, in the order it decides them. */
function recordingDecider() {
  const real = createDecider(settings);
  const decided: string[] = [];
  const decide: Decide = (state, event) => {
    if (event.type === "text") decided.push(event.text);
    return real(state, event);
  };
  return { decide, decided };
}

/**
 * Holds the line: a conversation row locked from another connection makes
 * that sender's next message wait in its transaction, inside the line's only
 * slot, after the engine decided it.
 */
async function holdRow(contactId: string) {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query("BEGIN");
  await client.query("SELECT 1 FROM conversations WHERE contact_id = $1 FOR UPDATE", [contactId]);
  return async () => {
    await client.query("COMMIT");
    await client.end();
  };
}

const text = (externalId: string, body: string) =>
  ({
    channel: "TELEGRAM",
    messageId: randomUUID(),
    sender: { externalId },
    at: new Date().toISOString(),
    content: { type: "text", text: body },
  }) as const;

async function sendLogTexts(contactId: string): Promise<string[]> {
  const rows = await db.prisma.outboundMessage.findMany({ where: { contactId } });
  return rows.map((r) => {
    const body = outboundBodySchema.parse(openOutbound(r));
    return body.kind === "text" ? body.text : "";
  });
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never happened: ${what}`);
}

const noticesOf = (texts: string[]) =>
  texts.filter((t) => t === BUSY_ACK_NOTICE.id || t === BUSY_ACK_NOTICE.en);

describe("a saturated inbound line", () => {
  it("tells each waiting sender once per episode, then answers every message once, in order", async () => {
    const engine = recordingDecider();
    const inbound = createInboundHandler({
      prisma: db.prisma,
      cipher: testCipher,
      decide: engine.decide,
      settings,
      queueFor: queues.queueFor,
      logger: createLogger({ level: "silent" }, { write: () => {} }),
      maxConcurrent: 1,
      // Saturated from three waiting messages; the age threshold off (no timing here).
      busy: { waiting: 3, afterMs: 0 },
    });
    const run = randomUUID().slice(0, 8);
    const users = ["a", "b", "c"].map((u) => `bp-${run}-${u}`);
    const holder = `bp-${run}-holder`;
    // The third user writes in English: the notice follows the contact's language.
    const first = await inbound.handle(text(users[2] as string, "hello"));
    const englishId = first.type === "handled" ? first.contactId : "none";
    await db.prisma.contact.update({ where: { id: englishId }, data: { language: "EN" } });

    const known = await inbound.handle(text(holder, "halo"));
    const holderId = known.type === "handled" ? known.contactId : "none";
    let release = await holdRow(holderId);
    const holding = inbound.handle(text(holder, "HOLD 1"));
    await until(async () => engine.decided.includes("HOLD 1"), "the holder in the line's slot");
    // Four rounds: in the first the line fills up (0, 1, 2 waiting), from the second it is saturated.
    const pending: { user: string; body: string; outcome: Promise<InboundOutcome> }[] = [];
    for (let round = 1; round <= 4; round++) {
      for (const user of users) {
        const body = `${user} pesan ${round}`;
        pending.push({ user, body, outcome: inbound.handle(text(user, body)) });
      }
    }
    // The notices go out while every message still waits behind the held one.
    const contactIds = await Promise.all(
      users.map(async (user) => {
        let id = "";
        await until(async () => {
          const contact = await db.prisma.contact.findFirst({
            where: {
              channel: "TELEGRAM",
              externalIdHash: contactIdHash(testCipher, "TELEGRAM", user),
            },
          });
          id = contact?.id ?? "";
          return id !== "" && noticesOf(await sendLogTexts(id)).length > 0;
        }, `a busy notice to ${user}`);
        return id;
      }),
    );
    expect(engine.decided.filter((t) => t.includes(run) && t.includes("pesan"))).toEqual([]);

    await release();
    expect((await holding).type).toBe("handled");
    const outcomes = await Promise.all(pending.map((p) => p.outcome));
    expect(outcomes.map((o) => o.type)).toEqual(pending.map(() => "handled"));
    for (const [i, user] of users.entries()) {
      // Each message decided once, in the order its sender wrote.
      expect(engine.decided.filter((t) => t.startsWith(`${user} pesan`))).toEqual([
        `${user} pesan 1`,
        `${user} pesan 2`,
        `${user} pesan 3`,
        `${user} pesan 4`,
      ]);
      const texts = await sendLogTexts(contactIds[i] as string);
      expect(noticesOf(texts)).toEqual([i === 2 ? BUSY_ACK_NOTICE.en : BUSY_ACK_NOTICE.id]);
    }
    // Every message was answered, its replies in the send-log and queued to the sender.
    const replyIds = outcomes.flatMap((o) => (o.type === "handled" ? o.replyIds : []));
    for (const o of outcomes) expect(o.type === "handled" && o.replyIds.length > 0).toBe(true);
    expect(await db.prisma.outboundMessage.count({ where: { id: { in: replyIds } } })).toBe(
      replyIds.length,
    );
    const queue = queues.get(QUEUE.outboundTelegram);
    const jobs = await queue?.getJobs(["waiting", "prioritized", "delayed"]);
    const queued = new Set(
      jobs?.map((j) => (j.data as { outboundMessageId: string }).outboundMessageId),
    );
    expect(replyIds.filter((id) => !queued.has(id))).toEqual([]);
    // The holder's message did not wait: it hears no notice.
    const holderOutcome = await holding;
    const holderTexts = await sendLogTexts(
      holderOutcome.type === "handled" ? holderOutcome.contactId : "",
    );
    expect(noticesOf(holderTexts)).toEqual([]);

    // The episode ended when the line emptied: the next saturation tells the first user again.
    release = await holdRow(holderId);
    const again = inbound.handle(text(holder, "HOLD 2"));
    await until(async () => engine.decided.includes("HOLD 2"), "the holder in the slot again");
    const later = [users[1], users[2], `bp-${run}-d`, users[0]].map((user) =>
      inbound.handle(text(user as string, `${user} pesan 5`)),
    );
    await until(
      async () => noticesOf(await sendLogTexts(contactIds[0] as string)).length === 2,
      "a second notice to the first user",
    );
    await release();
    await again;
    expect((await Promise.all(later)).map((o) => o.type)).toEqual([
      "handled",
      "handled",
      "handled",
      "handled",
    ]);
    // Those who were not waiting behind three others in that episode heard nothing new.
    expect(noticesOf(await sendLogTexts(contactIds[1] as string))).toHaveLength(1);
  }, 60_000);
});
