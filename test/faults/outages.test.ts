// Redis unreachable for ten seconds, and PostgreSQL connections cut and
// refused for a while, through TCP proxies the test controls. The whole app
// (channels' inbound pipeline, workers, outbound sender) runs in this process
// on a database of its own. Every message must be answered exactly once.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboundSenders } from "../../bot/outbound.ts";
import { startBot } from "../../bot/start-bot.ts";
import { createLifecycle } from "../../core/infra/lifecycle.ts";
import { createLogger } from "../../core/infra/logger.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import type { Services } from "../../core/infra/services.ts";
import { testAppConfig, testCipher } from "../support/app.ts";
import { isolatedDatabase } from "../support/database.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../support/env.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";
import { recordingChannel, textMessage, waitFor } from "./fault-kit.ts";

const prefix = uniquePrefix("outages");
const logger = createLogger({ level: "silent" }, { write: () => {} });
const lifecycle = createLifecycle(logger, 10_000);
const { adapter, sent } = recordingChannel("CONSOLE");
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let redisProxy: TcpProxy;
let pgProxy: TcpProxy;
let runtime: Runtime;
let services: Services;
let senders: OutboundSenders;
let dir: string;

beforeAll(async () => {
  database = await isolatedDatabase("outages");
  redisProxy = await startTcpProxy({ port: Number(new URL(TEST_REDIS_URL).port || 6379) });
  pgProxy = await startTcpProxy({ port: Number(new URL(TEST_DATABASE_URL).port || 5432) });
  dir = await mkdtemp(path.join(tmpdir(), "lpse-outages-"));
  const config = testAppConfig(prefix, dir, {
    DATABASE_URL: pgProxy.url(database.url),
    REDIS_URL: redisProxy.url(TEST_REDIS_URL),
  });
  ({ runtime, services, senders } = await startBot({
    config,
    logger,
    lifecycle,
    allInOne: true,
    http: false,
    channelStates: () => ({}),
    channels: () => [adapter],
  }));
}, 90_000);

afterAll(async () => {
  redisProxy.restore();
  pgProxy.restore();
  await lifecycle.shutdown("test done");
  await redisProxy.close();
  await pgProxy.close();
  await deleteKeys(prefix);
  await database.drop();
  await rm(dir, { recursive: true, force: true });
}, 60_000);

/** What a channel does with a message it could not hand over: try again a little later. */
async function deliverUntilHandled(message: ReturnType<typeof textMessage>) {
  for (;;) {
    try {
      return await services.inbound.handle(message);
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

const contactsOf = (users: string[]) =>
  runtime.db.prisma.contact.findMany({
    where: {
      externalIdHash: {
        in: users.map((u) => testCipher.hash("channel-external-id", `CONSOLE:${u}`)),
      },
    },
    include: { outbound: true },
  });

/** Every send-log row of these users was sent, each exactly once, and each user got `perUser`. */
async function expectEachAnsweredOnce(users: string[], perUser: number) {
  const contacts = await contactsOf(users);
  expect(contacts).toHaveLength(users.length);
  const rows = contacts.flatMap((c) => c.outbound);
  expect(rows.every((r) => r.status === "SENT")).toBe(true);
  expect(rows).toHaveLength(users.length * perUser);
  const sendsOf = new Map<string, number>();
  for (const s of sent) sendsOf.set(s.messageId, (sendsOf.get(s.messageId) ?? 0) + 1);
  for (const row of rows) expect(sendsOf.get(row.id), row.id).toBe(1);
  for (const user of users) {
    expect(sent.filter((s) => s.externalId === user)).toHaveLength(perUser);
  }
}

const users = (label: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}:${label}:${i}`);

/** The welcome answers a first "halo": one reply per user. */
const WELCOME_REPLIES = 1;

/** Every user answered, the outbox drained (late duplicates land by then), each answered once. */
async function expectAllAnsweredOnce(all: string[], when: string) {
  await waitFor(
    () => all.every((u) => sent.some((s) => s.externalId === u)),
    60_000,
    `every user answered ${when}`,
  );
  await waitFor(
    async () => {
      const pending = await runtime.db.prisma.outboxEvent.count({ where: { status: "PENDING" } });
      return pending === 0;
    },
    30_000,
    "outbox drained",
  );
  // A reply reaches the channel before its row is marked SENT in the same job;
  // let the last jobs finish before the rows are judged.
  await waitFor(
    async () =>
      (await contactsOf(all)).flatMap((c) => c.outbound).every((r) => r.status === "SENT"),
    30_000,
    "every send-log row marked sent",
  );
  await expectEachAnsweredOnce(all, WELCOME_REPLIES);
}

describe("infrastructure outages", () => {
  it("answers, after Redis comes back, every message accepted while it was unreachable for 10 s", async () => {
    const before = users("redis-before", 3);
    await Promise.all(before.map((u) => deliverUntilHandled(textMessage(u, "halo"))));
    await waitFor(() => sent.length >= before.length, 30_000, "answers before the outage");

    redisProxy.down();
    const outageStart = Date.now();
    const during = users("redis-during", 5);
    // The inbound pipeline commits to PostgreSQL; only the fast publish fails,
    // and the flood guard lets messages through rather than drop them.
    const outcomes = await Promise.all(
      during.map((u) => services.inbound.handle(textMessage(u, "halo"))),
    );
    expect(outcomes.map((o) => o.type)).toEqual(during.map(() => "handled"));
    await new Promise((r) => setTimeout(r, Math.max(0, 10_000 - (Date.now() - outageStart))));
    expect(sent.filter((s) => during.includes(s.externalId))).toEqual([]);
    redisProxy.restore();

    const after = users("redis-after", 2);
    await Promise.all(after.map((u) => deliverUntilHandled(textMessage(u, "halo"))));
    await expectAllAnsweredOnce([...before, ...during, ...after], "after the outage");
  }, 120_000);

  it("carries on when PostgreSQL connections are cut and refused for a while", async () => {
    const first = users("pg-first", 4);
    // The sender waits out this case (a send whose commit is cut is covered by
    // telegram-sends.test.ts). Here the inbound pipeline, the outbox and the
    // workers must ride out the cut.
    await Promise.all(senders.workers.map((w) => w.pause()));
    // Cut every connection while the first burst is in flight.
    const burst = first.map((u) => deliverUntilHandled(textMessage(u, "halo")));
    pgProxy.cut();
    await Promise.all(burst);

    pgProxy.down();
    const during = users("pg-during", 4);
    // Channels retry what they could not hand over; these wait for the database.
    const waiting = during.map((u) => deliverUntilHandled(textMessage(u, "halo")));
    await new Promise((r) => setTimeout(r, 3000));
    expect(sent.filter((s) => during.includes(s.externalId))).toEqual([]);
    pgProxy.restore();
    await Promise.all(waiting);
    for (const worker of senders.workers) worker.resume();

    await expectAllAnsweredOnce([...first, ...during], "after the database came back");
    expect(pgProxy.accepted).toBeGreaterThan(1);
  }, 120_000);
});
