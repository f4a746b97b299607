// Long polling confirms a batch to Telegram with the next getUpdates, before
// the batch is handled. A process that dies in between would lose those
// updates: the channel keeps each fetched batch (sealed) in the database
// first and handles what is left there when it starts again.
import { randomInt } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot } from "../../bot/start-bot.ts";
import {
  createTelegramChannel,
  type TelegramChannel,
} from "../../bot/telegram/telegram.channel.ts";
import { createLifecycle } from "../../core/infra/lifecycle.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import type { Services } from "../../core/infra/services.ts";
import {
  createTelegramInbox,
  type TelegramInbox,
} from "../../core/infra/stores/telegram-inbox.store.ts";
import { type FakeBotApi, htmlToPlain, startFakeBotApi } from "../fakes/bot-api-server.ts";
import { capturingLogger, testAppConfig } from "../support/app.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";
import { waitFor } from "./fault-kit.ts";

const prefix = uniquePrefix("inbox");
const { logger } = capturingLogger();
const lifecycle = createLifecycle(logger, 5000);
let dir: string;
let runtime: Runtime;
let services: Services;
let fake: FakeBotApi;
let inbox: TelegramInbox;
let restarted: TelegramChannel;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lpse-inbox-"));
  fake = await startFakeBotApi();
  const config = testAppConfig(prefix, dir);
  ({ runtime, services } = await startBot({
    config,
    logger,
    lifecycle,
    allInOne: true,
    http: false,
    channelStates: () => ({}),
    channels: (s, rt) => {
      inbox = createTelegramInbox(rt.db.prisma, s.cipher);
      // The process after the restart: it sends, and polls once started.
      restarted = createTelegramChannel({
        token: fake.token,
        apiRoot: fake.apiRoot,
        inbound: s.inbound,
        inbox,
        logger,
        maxDownloadBytes: config.helpdesk.mediaMaxBytes,
        pollTimeoutSeconds: 1,
        retryIntervalMs: 200,
        chatIntervalMs: 0,
      });
      return [restarted.channel];
    },
  }));
}, 60_000);

afterAll(async () => {
  await restarted?.stop();
  await lifecycle.shutdown("test done");
  await fake?.close();
  await deleteKeys(prefix);
  await rm(dir, { recursive: true, force: true });
});

describe("Telegram polling inbox", () => {
  it("handles after a crash an update Telegram was already told was received", async () => {
    // The process that dies: it fetches the update, then never gets to handle it.
    let crash: (err: Error) => void = () => {};
    let calls = 0;
    const dying = createTelegramChannel({
      token: fake.token,
      apiRoot: fake.apiRoot,
      inbound: {
        handle: () => {
          calls++;
          if (calls > 1) return Promise.reject(new Error("crashed"));
          return new Promise((_resolve, reject) => {
            crash = reject;
          });
        },
        admitMedia: (input) => services.inbound.admitMedia(input),
        storeMedia: (input) => services.inbound.storeMedia(input),
      },
      inbox,
      logger,
      maxDownloadBytes: 1_000_000,
      pollTimeoutSeconds: 1,
      retryIntervalMs: 200,
      chatIntervalMs: 0,
    });
    await dying.start();
    const user = { id: randomInt(1e9, 2e9), firstName: "Rina" };
    const updateId = fake.text(user, "/start");
    await waitFor(() => calls > 0, 15_000, "the update fetched and being handled");
    // The next poll confirmed it: Telegram will not send it again.
    await waitFor(
      () => fake.callsOf("getUpdates").some((c) => Number(c.params.offset) > updateId),
      15_000,
      "the update confirmed to Telegram",
    );
    const kept = await runtime.db.prisma.telegramInbox.count();
    expect(kept).toBe(1);
    // The process dies before the message is handled.
    crash(new Error("crashed"));
    await dying.stop();
    expect(fake.sent.filter((m) => m.chatId === String(user.id))).toEqual([]);

    // After the restart the kept update is handled, once, and forgotten.
    await restarted.start();
    const welcome = await fake.waitFor(
      () => fake.sent.find((m) => m.chatId === String(user.id)),
      15_000,
      "the welcome after the restart",
    );
    expect(htmlToPlain(welcome.text)).toContain("Selamat datang");
    await waitFor(
      async () => (await runtime.db.prisma.telegramInbox.count()) === 0,
      15_000,
      "the inbox emptied",
    );
    const claims = await runtime.db.prisma.processedMessage.count({
      where: { channel: "TELEGRAM", messageId: `${fake.token.split(":")[0]}:${updateId}` },
    });
    expect(claims).toBe(1);
    // And it is not handled a second time.
    const before = fake.sent.filter((m) => m.chatId === String(user.id)).length;
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.sent.filter((m) => m.chatId === String(user.id))).toHaveLength(before);
  }, 60_000);
});
