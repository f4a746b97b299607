// The Telegram channel in webhook mode on the whole app: the fake Bot API
// POSTs updates to the bot's HTTP server (/telegram/webhook) with the secret,
// as Telegram does after setWebhook.
import { randomInt } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot } from "../../bot/start-bot.ts";
import {
  createTelegramChannel,
  type TelegramChannel,
  WEBHOOK_PATH,
} from "../../bot/telegram/telegram.channel.ts";
import { createLifecycle } from "../../core/infra/lifecycle.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import {
  FAKE_BOT_ID,
  type FakeBotApi,
  type FakeUser,
  startFakeBotApi,
} from "../fakes/bot-api-server.ts";
import { capturingLogger, testAppConfig } from "../support/app.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const SECRET = "webhook-secret-0123456789_abcdef";
const prefix = uniquePrefix("telegram-webhook");
const { lines: logLines, logger } = capturingLogger();
const lifecycle = createLifecycle(logger, 5000);
let dir: string;
let runtime: Runtime;
let fake: FakeBotApi;
let telegram: TelegramChannel;
let webhookUrl: string;

const newUser = (): FakeUser => ({ id: randomInt(1e9, 2e9), firstName: "Budi" });
const sentTo = (user: FakeUser) => fake.sent.filter((m) => m.chatId === String(user.id));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

const textUpdate = (user: FakeUser, updateId: number, text: string) => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    date: Math.floor(Date.now() / 1000),
    chat: { id: user.id, type: "private", first_name: "Budi" },
    from: { id: user.id, is_bot: false, first_name: "Budi" },
    text,
  },
});

const post = (body: unknown, secret?: string) =>
  fetch(webhookUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(secret === undefined ? {} : { "x-telegram-bot-api-secret-token": secret }),
    },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lpse-telegram-webhook-"));
  fake = await startFakeBotApi();
  const port = await freePort();
  webhookUrl = `http://127.0.0.1:${port}${WEBHOOK_PATH}`;
  const config = testAppConfig(prefix, dir);
  ({ runtime } = await startBot({
    config,
    logger,
    lifecycle,
    allInOne: true,
    http: false,
    channelStates: () => ({ telegram: telegram.state() }),
    routes: [(req, res) => telegram.webhookRoute(req, res)],
    channels: (services) => {
      telegram = createTelegramChannel({
        token: fake.token,
        apiRoot: fake.apiRoot,
        inbound: services.inbound,
        logger,
        maxDownloadBytes: config.helpdesk.mediaMaxBytes,
        retryIntervalMs: 200,
        chatIntervalMs: 0,
        webhook: { url: webhookUrl, secret: SECRET, infoMaxAgeMs: 0 },
      });
      return [telegram.channel];
    },
  }));
  await runtime.health.listen(port, "127.0.0.1");
  lifecycle.onClose("http", () => runtime.health.close());
  await telegram.start();
}, 60_000);

afterAll(async () => {
  await telegram?.stop();
  if (process.env.TELEGRAM_TEST_LOG) process.stdout.write(logLines.join(""));
  await lifecycle.shutdown("test done");
  await fake?.close();
  await deleteKeys(prefix);
  await rm(dir, { recursive: true, force: true });
});

describe("Telegram channel in webhook mode", () => {
  it("sets the webhook with the secret instead of polling", async () => {
    expect(telegram.mode).toBe("webhook");
    const set = fake.callsOf("setWebhook");
    expect(set).toHaveLength(1);
    expect(set[0]?.params.url).toBe(webhookUrl);
    expect(set[0]?.params.secret_token).toBe(SECRET);
    expect(fake.webhook).toEqual({ url: webhookUrl, secret: SECRET });
    expect(fake.callsOf("deleteWebhook")).toHaveLength(0);
    expect(fake.callsOf("getUpdates")).toHaveLength(0);
    expect(telegram.state()).toMatchObject({ state: "connected" });
  });

  it("shows the webhook's pending_update_count on /readyz", async () => {
    const { body } = await runtime.health.readiness();
    expect(body.channels.telegram?.detail).toContain("pending_update_count 0");
    fake.setPendingUpdateCount(3);
    await fake.waitFor(
      () => telegram.state().detail?.includes("pending_update_count 3"),
      5000,
      "the new count",
    );
    const again = await runtime.health.readiness();
    expect(again.body.channels.telegram?.detail).toContain("pending_update_count 3");
    fake.setPendingUpdateCount(0);
  });

  it("handles an update POSTed with the right secret: the welcome goes out", async () => {
    const user = newUser();
    const updateId = fake.text(user, "/start");
    await fake.waitFor(() => sentTo(user).length > 0, 15_000, "the welcome");
    expect(sentTo(user)[0]?.text).toContain("Selamat datang di Helpdesk LPSE Kabupaten Landak");
    expect(fake.webhookDeliveries.find((d) => d.updateId === updateId)?.status).toBe(200);
  });

  it("answers 401 to a wrong or missing secret and handles nothing", async () => {
    const user = newUser();
    const updateId = randomInt(1e6, 2e9);
    const wrong = await post(textUpdate(user, updateId, "/start"), `${SECRET}x`);
    expect(wrong.status).toBe(401);
    const missing = await post(textUpdate(user, updateId, "/start"));
    expect(missing.status).toBe(401);
    const other = await fetch(webhookUrl);
    expect(other.status).toBe(405);
    // The right secret still works afterwards; the refused copies left no trace.
    const control = newUser();
    const ok = await post(textUpdate(control, updateId + 1, "/start"), SECRET);
    expect(ok.status).toBe(200);
    await fake.waitFor(() => sentTo(control).length > 0, 15_000, "the control welcome");
    expect(sentTo(user)).toHaveLength(0);
    const claims = await runtime.db.prisma.processedMessage.count({
      where: { channel: "TELEGRAM", messageId: `${FAKE_BOT_ID}:${updateId}` },
    });
    expect(claims).toBe(0);
  });

  it("refuses a body that is not an update", async () => {
    expect((await post({ hello: "world" }, SECRET)).status).toBe(400);
  });

  it("keeps the secret and the token out of the logs", () => {
    const logs = logLines.join("");
    expect(logs).not.toContain(SECRET);
    expect(logs).not.toContain(fake.token.split(":")[1] ?? fake.token);
  });
});
