// A burst bigger than the database pool. Without a limit every message opens
// its transaction at once and queues for a connection; the ones that wait
// longer than the pool allows fail, and with them the user's message (the
// benchmark lost 10% of a 500/s burst that way). Behind the inbound gate
// (INBOUND_CONCURRENCY, below the pool size) the burst waits in memory, in
// order, and every message is handled once.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { testInbound, testRedisQueues } from "../support/app.ts";
import { isolatedDatabase } from "../support/database.ts";
import { uniquePrefix } from "../support/redis.ts";
import { textMessage } from "./fault-kit.ts";

const prefix = uniquePrefix("burst");
const logger = createLogger({ level: "silent" }, { write: () => {} });
/** Three connections, and a transaction may wait 300 ms for one. */
const POOL = 3;
const MAX_WAIT_MS = 300;
const BURST = 400;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let db: Database;
let queues: ReturnType<typeof testRedisQueues>;

beforeAll(async () => {
  database = await isolatedDatabase("burst");
  db = await openDatabase(
    { kind: "postgres", url: database.url },
    { poolSize: POOL, transactionMaxWaitMs: MAX_WAIT_MS },
  );
  queues = testRedisQueues(prefix);
}, 60_000);

afterAll(async () => {
  await queues.close();
  await db.close();
  await database.drop();
}, 60_000);

const handlerWith = (maxConcurrent: number) =>
  testInbound({ db, queueFor: queues.queueFor, logger, maxConcurrent });

/** One message from each of `count` new users, all at once. */
function burst(handler: ReturnType<typeof handlerWith>, count: number) {
  const run = randomUUID().slice(0, 8);
  return Promise.allSettled(
    Array.from({ length: count }, (_, i) =>
      handler.handle(textMessage(`burst-${run}-${i}`, "menu")),
    ),
  );
}

describe("a burst bigger than the database pool", () => {
  it("without a limit, messages fail waiting for a connection (the failure the gate prevents)", async () => {
    const results = await burst(handlerWith(BURST), BURST);
    const failed = results.filter((r) => r.status === "rejected");
    expect(failed.length).toBeGreaterThan(0);
    expect(String((failed[0] as PromiseRejectedResult).reason)).toMatch(
      /Unable to start a transaction/,
    );
  }, 120_000);

  it("behind the gate, every message is handled once and nothing fails", async () => {
    const before = await db.prisma.processedMessage.count();
    const handler = handlerWith(POOL - 1);
    const running = burst(handler, BURST);
    await new Promise((r) => setTimeout(r, 50));
    // Mid-burst: two at work, the rest in line (what /metrics shows as the backlog).
    expect(handler.backlog().active).toBe(POOL - 1);
    expect(handler.backlog().waiting).toBeGreaterThan(0);
    const results = await running;
    expect(handler.backlog()).toEqual({ active: 0, waiting: 0 });
    const outcomes = results.map((r) => (r.status === "fulfilled" ? r.value.type : "failed"));
    expect(outcomes.filter((o) => o !== "handled")).toEqual([]);
    expect((await db.prisma.processedMessage.count()) - before).toBe(BURST);
    // One answer each: the menu.
    const replies = results.map((r) =>
      r.status === "fulfilled" && r.value.type === "handled" ? r.value.replyIds.length : 0,
    );
    expect(replies.every((n) => n >= 1)).toBe(true);
  }, 120_000);
});
