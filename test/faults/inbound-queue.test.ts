// The line of messages waiting for their turn is bounded (INBOUND_QUEUE_MAX):
// a burst beyond it is turned away with "sedang ramai, mohon coba sebentar
// lagi" (in English for a user who chose English), once per sender a minute;
// a turned-away message is not claimed, so sent again later it is handled;
// every message that was taken is handled once. Its files are not fetched.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { openOutbound, testInbound, testRedisQueues } from "../support/app.ts";
import { isolatedDatabase } from "../support/database.ts";
import { uniquePrefix } from "../support/redis.ts";
import { textMessage } from "./fault-kit.ts";

const prefix = uniquePrefix("inbound-queue");
const logger = createLogger({ level: "silent" }, { write: () => {} });
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let db: Database;
let queues: ReturnType<typeof testRedisQueues>;

beforeAll(async () => {
  database = await isolatedDatabase("queue");
  db = await openDatabase({ kind: "postgres", url: database.url });
  queues = testRedisQueues(prefix);
}, 60_000);

afterAll(async () => {
  await queues.close();
  await db.close();
  await database.drop();
}, 60_000);

const QUEUED = 3;
const BURST = 12;

async function textOfReply(id: string | undefined): Promise<string> {
  const row = await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: id ?? "" } });
  return (openOutbound(row) as { text: string }).text;
}

/** One message decided at a time, `maxQueued` waiting. */
const lineOf = (maxQueued: number) =>
  testInbound({ db, queueFor: queues.queueFor, logger, maxConcurrent: 1, maxQueued });

describe("the inbound line is bounded", () => {
  it("turns a burst beyond the line away politely, loses nothing it took, and takes the rest later", async () => {
    const handler = lineOf(QUEUED);
    const run = randomUUID().slice(0, 8);
    const users = Array.from({ length: BURST }, (_, i) => `queue-${run}-${i}`);
    // The last user chose English earlier.
    const english = users[BURST - 1] ?? "";
    await handler.handle(textMessage(english, "english"));
    const messages = users.map((user) => textMessage(user, "menu"));
    const outcomes = await Promise.all(messages.map((m) => handler.handle(m)));

    const handled = outcomes.filter((o) => o.type === "handled");
    const busy = outcomes.filter((o) => o.type === "busy");
    expect(handled).toHaveLength(QUEUED);
    expect(busy).toHaveLength(BURST - QUEUED);
    // Each turned-away sender is told, in their language.
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome.type !== "busy") continue;
      expect(outcome.replyIds).toHaveLength(1);
      const text = await textOfReply(outcome.replyIds[0]);
      expect(text).toContain(
        users[i] === english ? "very busy right now" : "sedang ramai, mohon coba sebentar lagi",
      );
    }
    // Taken: claimed once and answered; turned away: not claimed.
    const claimed = await db.prisma.processedMessage.findMany({
      where: { messageId: { in: messages.map((m) => m.messageId) } },
    });
    expect(claimed).toHaveLength(QUEUED);
    for (const outcome of handled)
      expect(outcome.type === "handled" && outcome.replyIds.length).toBeGreaterThan(0);

    // Sent again once the burst is over, a turned-away message is handled.
    const turnedAway = outcomes.flatMap((o, i) => (o.type === "busy" ? [users[i] ?? ""] : []));
    const [retry, repeat] = turnedAway;
    const resent = await handler.handle(textMessage(retry ?? "", "menu"));
    expect(resent.type).toBe("handled");

    // Turned away again within the minute, a sender is not told twice.
    const fillers = Array.from({ length: QUEUED }, (_, i) =>
      textMessage(`${run}-fill-${i}`, "menu"),
    );
    const full = await Promise.all([
      ...fillers.map((m) => handler.handle(m)),
      handler.handle(textMessage(repeat ?? "", "menu")),
    ]);
    expect(full.map((o) => o.type)).toEqual(["handled", "handled", "handled", "busy"]);
    expect(full.at(-1)).toEqual({ type: "busy", replyIds: [] });
  }, 60_000);

  it("does not fetch the file of a message that would be turned away", async () => {
    const handler = lineOf(1);
    const run = randomUUID().slice(0, 8);
    const first = handler.handle(textMessage(`file-${run}-a`, "menu"));
    expect(
      await handler.admitMedia({ channel: "CONSOLE", sender: { externalId: `file-${run}-b` } }),
    ).toEqual({
      ok: false,
      reason: "BUSY",
    });
    await first;
    expect(
      await handler.admitMedia({ channel: "CONSOLE", sender: { externalId: `file-${run}-b` } }),
    ).toEqual({
      ok: true,
    });
  });
});
