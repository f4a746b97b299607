// Telegram failing a send: a 5xx (retried until it goes through, once; a 429
// is covered in test/integration/telegram-channel.test.ts); a send Telegram
// accepted whose commit in PostgreSQL was then lost (sent once: the acceptance
// was kept in Redis); and a send Telegram accepted whose answer never came
// back (the connection dropped after the message was delivered). The last
// cannot be told apart from a send that never arrived, and the Bot API has no
// idempotency key, so the outbound worker sends again: at least once, never
// lost, and the duplicate is visible in the send-log (attempts, lastError).
import { randomInt } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboundSendWorker } from "../../bot/outbound-send.worker.ts";
import { startBot } from "../../bot/start-bot.ts";
import {
  createTelegramChannel,
  type TelegramChannel,
} from "../../bot/telegram/telegram.channel.ts";
import { outboundQueue } from "../../core/contracts/queues.ts";
import { openDatabase } from "../../core/infra/db.ts";
import { createLifecycle } from "../../core/infra/lifecycle.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createQueue } from "../../core/infra/queues.ts";
import { createRedis } from "../../core/infra/redis.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import { redisAcceptedSends } from "../../core/infra/stores/accepted-sends.store.ts";
import type { OutboundChannel } from "../../core/ports/channel.port.ts";
import { type FakeBotApi, type FakeUser, startFakeBotApi } from "../fakes/bot-api-server.ts";
import { outboundData, testAppConfig, testCipher } from "../support/app.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../support/env.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";
import { startTcpProxy } from "../support/tcp-proxy.ts";
import { waitFor } from "./fault-kit.ts";

const prefix = uniquePrefix("tg-sends");
const logger = createLogger({ level: "silent" }, { write: () => {} });
const lifecycle = createLifecycle(logger, 5000);
let dir: string;
let runtime: Runtime;
let fake: FakeBotApi;
let telegram: TelegramChannel;
let proxy: Server;
/** Chats whose next sendMessage is delivered but its answer dropped. */
const dropAnswerFor = new Set<string>();
/** Chats whose next sendMessage never reaches Telegram (the connection drops first). */
const cutBeforeFor = new Set<string>();

/**
 * An HTTP hop between the bot and the fake Bot API. For a chat in
 * `dropAnswerFor` it forwards sendMessage (the fake records the message),
 * then closes the bot's connection instead of passing the answer back.
 */
async function startAnswerDroppingProxy(target: URL): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const chat = /"chat_id":"?(-?\d+)/u.exec(body.toString("utf8"))?.[1];
      const drop =
        req.url?.endsWith("/sendMessage") === true && chat !== undefined && dropAnswerFor.has(chat);
      if (drop && chat) dropAnswerFor.delete(chat);
      if (req.url?.endsWith("/sendMessage") === true && chat && cutBeforeFor.delete(chat)) {
        req.socket.destroy();
        return;
      }
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          if (drop) {
            answer.resume();
            answer.on("end", () => req.socket.destroy());
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", () => res.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lpse-tg-sends-"));
  fake = await startFakeBotApi();
  proxy = await startAnswerDroppingProxy(new URL(fake.apiRoot));
  const { port } = proxy.address() as { port: number };
  const config = testAppConfig(prefix, dir);
  ({ runtime } = await startBot({
    config,
    logger,
    lifecycle,
    allInOne: true,
    http: false,
    channelStates: () => ({ telegram: telegram.state() }),
    channels: (services) => {
      telegram = createTelegramChannel({
        token: fake.token,
        apiRoot: `http://127.0.0.1:${port}`,
        inbound: services.inbound,
        logger,
        maxDownloadBytes: config.helpdesk.mediaMaxBytes,
        pollTimeoutSeconds: 1,
        retryIntervalMs: 200,
        chatIntervalMs: 0,
      });
      return [telegram.channel];
    },
  }));
  await telegram.start();
}, 60_000);

afterAll(async () => {
  await telegram?.stop();
  await lifecycle.shutdown("test done");
  await new Promise((resolve) => proxy.close(resolve));
  await fake?.close();
  await deleteKeys(prefix);
  await rm(dir, { recursive: true, force: true });
});

const newUser = (): FakeUser => ({ id: randomInt(1e9, 2e9), firstName: "Rina" });
const welcomesTo = (user: FakeUser) =>
  fake.sent.filter((m) => m.chatId === String(user.id) && m.text.includes("Selamat datang"));

/** The send-log rows of a Telegram user. */
async function rowsOf(user: FakeUser) {
  const contact = await runtime.db.prisma.contact.findUniqueOrThrow({
    where: {
      channel_externalIdHash: {
        channel: "TELEGRAM",
        externalIdHash: testCipher.hash("channel-external-id", `TELEGRAM:${user.id}`),
      },
    },
    include: { outbound: true },
  });
  return contact.outbound;
}

describe("Telegram send failures", () => {
  it("keeps a chat's replies in order when one send fails: the next waits for its retry", async () => {
    const user = newUser();
    cutBeforeFor.add(String(user.id));
    fake.text(user, "/start");
    fake.text(user, "bantuan");
    const rows = await waitFor(async () => {
      const found = await rowsOf(user).catch(() => []);
      return found.length >= 2 && found.every((r) => r.status === "SENT") && found;
    }, 60_000);
    rows.sort((a, b) => Number(a.seq - b.seq));
    // The first reply failed once and went out on its retry; nothing overtook it.
    expect(rows[0]?.attempts).toBe(2);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]?.attempts).toBe(1);
      expect(rows[i]?.sentAt?.getTime()).toBeGreaterThanOrEqual(
        rows[i - 1]?.sentAt?.getTime() ?? 0,
      );
    }
    const texts = fake.sent.filter((m) => m.chatId === String(user.id)).map((m) => m.text);
    expect(texts[0]).toContain("Selamat datang");
    expect(texts).toHaveLength(rows.length);
  }, 90_000);

  it("retries a 502 from Telegram and delivers the reply exactly once", async () => {
    const user = newUser();
    fake.fail("sendMessage", 1, 502, "Bad Gateway", (p) => String(p.chat_id) === String(user.id));
    fake.text(user, "/start");
    await waitFor(() => welcomesTo(user).length > 0, 60_000, "the welcome after a 502");
    const rows = await waitFor(async () => {
      const found = await rowsOf(user);
      return found.length > 0 && found.every((r) => r.status === "SENT") && found;
    });
    // One refused call, then one that went through; the adapter's auto-retry
    // waited it out inside the same job attempt.
    const calls = fake
      .callsOf("sendMessage")
      .filter((c) => String(c.params.chat_id) === String(user.id));
    expect(calls.length).toBe(fake.sent.filter((m) => m.chatId === String(user.id)).length + 1);
    expect(welcomesTo(user)).toHaveLength(1);
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
  }, 90_000);

  it("sends once when the commit is lost after Telegram accepted the send", async () => {
    const user = newUser();
    fake.text(user, "/start");
    await waitFor(() => welcomesTo(user).length > 0, 60_000, "the welcome");
    const contact = await runtime.db.prisma.contact.findUniqueOrThrow({
      where: {
        channel_externalIdHash: {
          channel: "TELEGRAM",
          externalIdHash: testCipher.hash("channel-external-id", `TELEGRAM:${user.id}`),
        },
      },
    });
    // A row of the send-log with no outbox entry: only this test's sender,
    // on a queue prefix of its own, ever sees it.
    const text = "Status tiket Bapak/Ibu berubah: DIPROSES.";
    const row = await runtime.db.prisma.outboundMessage.create({
      data: outboundData(contact.id, "TELEGRAM", { kind: "text", text }),
    });
    // This sender reaches PostgreSQL through a proxy the test cuts right after
    // Telegram has accepted the message, so the row's commit is lost.
    const pgProxy = await startTcpProxy({ port: Number(new URL(TEST_DATABASE_URL).port || 5432) });
    const db = await openDatabase({ kind: "postgres", url: pgProxy.url(TEST_DATABASE_URL) });
    const cutAfterAccept: OutboundChannel = {
      channel: "TELEGRAM",
      async send(recipient, body, messageId) {
        const result = await telegram.channel.send(recipient, body, messageId);
        pgProxy.down();
        setTimeout(() => pgProxy.restore(), 1500);
        return result;
      },
    };
    const lostPrefix = `${prefix}:lost-commit`;
    const redis = createRedis(TEST_REDIS_URL, "worker");
    const accepted = redisAcceptedSends({ redis, prefix: lostPrefix });
    const sender = outboundSendWorker({
      prisma: db.prisma,
      cipher: testCipher,
      channel: cutAfterAccept,
      accepted,
    })({ connection: redis, prefix: lostPrefix, logger });
    const queue = createQueue(outboundQueue("TELEGRAM"), { connection: redis, prefix: lostPrefix });
    try {
      const job = await queue.add("outbound.send", { outboundMessageId: row.id });
      const sentRow = await waitFor(
        async () => {
          const found = await runtime.db.prisma.outboundMessage.findUniqueOrThrow({
            where: { id: row.id },
          });
          return found.status === "SENT" && found;
        },
        60_000,
        "the row marked SENT after the restore",
      );
      const copies = fake.sent.filter((m) => m.chatId === String(user.id) && m.text === text);
      expect(copies).toHaveLength(1);
      // The row carries Telegram's id of the one message, taken from Redis.
      expect(sentRow.providerId).toBe(String(copies[0]?.messageId));
      // The first attempt failed on the lost commit (its failure could not be
      // written either); a later one found the acceptance and finished the row.
      const done = await waitFor(async () => {
        const found = await queue.getJob(job.id ?? "");
        return found?.finishedOn !== undefined && found;
      });
      expect(done.attemptsMade).toBeGreaterThanOrEqual(2);
      expect(done.returnvalue).toEqual({ recovered: "accepted before a lost commit" });
      expect(await accepted.get(row.id)).toBeNull();
      // Nothing more turns up later.
      await new Promise((r) => setTimeout(r, 1000));
      expect(fake.sent.filter((m) => m.chatId === String(user.id) && m.text === text)).toHaveLength(
        1,
      );
    } finally {
      pgProxy.restore();
      await sender.close();
      await queue.close();
      await db.close();
      await pgProxy.close();
      await redis.quit();
    }
  }, 90_000);

  it("sends again when Telegram's answer to an accepted send is lost: at least once, never lost", async () => {
    const user = newUser();
    dropAnswerFor.add(String(user.id));
    fake.text(user, "/start");
    await waitFor(() => welcomesTo(user).length >= 2, 60_000, "the resend");
    const rows = await waitFor(async () => {
      const found = await rowsOf(user);
      return found.length > 0 && found.every((r) => r.status === "SENT") && found;
    });
    // The user sees the welcome twice; the send-log says why.
    expect(welcomesTo(user)).toHaveLength(2);
    expect(rows.filter((r) => r.attempts === 2 && r.lastError !== null)).toHaveLength(1);
    // No third copy turns up later (the row is SENT, a redelivery skips it).
    await new Promise((r) => setTimeout(r, 1500));
    expect(welcomesTo(user)).toHaveLength(2);
  }, 90_000);
});
