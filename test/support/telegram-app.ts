// The whole app (real PostgreSQL, Redis, workers, outbound senders) with the
// Telegram channel polling a local fake Bot API: a user writes through the
// fake, the real pipeline answers. For tests that need their own settings
// (size caps, queue bounds, rate limits) and so their own app. With
// TELEGRAM_AGENT_CHAT_ID in `env`, the agent desk runs on that group too.
import { randomInt } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startAgentDesk } from "../../bot/agent-desk/start-desk.ts";
import { startBot } from "../../bot/start-bot.ts";
import {
  createTelegramChannel,
  type TelegramChannel,
  type TelegramChannelOptions,
} from "../../bot/telegram/telegram.channel.ts";
import type { Config } from "../../core/config.ts";
import { createLifecycle, type Lifecycle } from "../../core/infra/lifecycle.ts";
import type { Logger } from "../../core/infra/logger.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import type { Services } from "../../core/infra/services.ts";
import {
  type FakeBotApi,
  type FakeUser,
  type SentMessage,
  startFakeBotApi,
} from "../fakes/bot-api-server.ts";
import { capturingLogger, testAppConfig } from "./app.ts";
import { toKtpStep } from "./intake-walk.ts";
import { deleteKeys, uniquePrefix } from "./redis.ts";

export interface TelegramApp {
  fake: FakeBotApi;
  runtime: Runtime;
  services: Services;
  telegram: TelegramChannel;
  logLines: string[];
  newUser(firstName?: string): FakeUser;
  sentTo(user: FakeUser): SentMessage[];
  /** Injects one update; returns the replies, after a short quiet period. */
  exchange(user: FakeUser, inject: () => unknown): Promise<SentMessage[]>;
  say(user: FakeUser, text: string): Promise<string>;
  /** From /start to the question for the KTP photo, acting for someone else. */
  walkToKtp(user: FakeUser): Promise<void>;
  stop(): Promise<void>;
}

type InlineKeyboard = { inline_keyboard: { text: string }[][] };
/** What the user reads: the texts and the labels of their buttons. */
export const textOf = (messages: SentMessage[]) =>
  messages
    .map((m) => {
      const buttons = (m.replyMarkup as InlineKeyboard | undefined)?.inline_keyboard ?? [];
      return [m.text, ...buttons.flat().map((b) => b.text)].join("\n");
    })
    .join("\n");

/**
 * The app on `config` with a Telegram channel polling `fake` (not started:
 * a caller may hook the agent desk in first). `channel` adds options.
 */
export async function startAppWithTelegram(opts: {
  config: Config;
  logger: Logger;
  lifecycle: Lifecycle;
  fake: FakeBotApi;
  channel?: Partial<TelegramChannelOptions>;
  /** Serve HTTP (health, the web console) on config.http.port; off by default. */
  http?: boolean;
  /** Called with the runtime before the HTTP server is built on (to add Fastify hooks). */
  onRuntime?: (runtime: Runtime) => void;
}): Promise<{ runtime: Runtime; services: Services; telegram: TelegramChannel }> {
  const { config, logger, fake } = opts;
  let telegram: TelegramChannel | undefined;
  let services: Services | undefined;
  const { runtime } = await startBot({
    config,
    logger,
    lifecycle: opts.lifecycle,
    allInOne: true,
    http: opts.http ?? false,
    channelStates: () => ({ telegram: (telegram as TelegramChannel).state() }),
    channels: (built, runtime) => {
      opts.onRuntime?.(runtime);
      services = built;
      telegram = createTelegramChannel({
        token: fake.token,
        apiRoot: fake.apiRoot,
        inbound: built.inbound,
        logger,
        maxDownloadBytes: config.helpdesk.mediaMaxBytes,
        downloadTimeoutMs: config.helpdesk.mediaDownloadTimeoutMs,
        pollTimeoutSeconds: 1,
        retryIntervalMs: 200,
        chatIntervalMs: 0,
        ...opts.channel,
      });
      return [telegram.channel];
    },
  });
  if (!telegram || !services) throw new Error("the Telegram channel was not built");
  return { runtime, services, telegram };
}

export async function startTelegramApp(
  name: string,
  env: Record<string, string> = {},
): Promise<TelegramApp> {
  const prefix = uniquePrefix(name);
  const dir = await mkdtemp(path.join(tmpdir(), `lpse-${name}-`));
  const { lines: logLines, logger } = capturingLogger();
  const lifecycle = createLifecycle(logger, 5000);
  const fake = await startFakeBotApi();
  const config = testAppConfig(prefix, dir, env);
  const {
    runtime,
    services,
    telegram: channel,
  } = await startAppWithTelegram({
    config,
    logger,
    lifecycle,
    fake,
  });
  const group = config.telegram.agentChatId;
  if (group) {
    await startAgentDesk({
      config,
      logger,
      lifecycle,
      runtime,
      services,
      telegram: channel,
      chatId: group,
    });
  }
  await channel.start();

  const sentTo = (user: FakeUser) => fake.sent.filter((m) => m.chatId === String(user.id));
  async function exchange(user: FakeUser, inject: () => unknown) {
    const before = sentTo(user).length;
    inject();
    await fake.waitFor(() => sentTo(user).length > before, 15_000, "a reply");
    let seen = sentTo(user).length;
    for (;;) {
      await new Promise((r) => setTimeout(r, 300));
      const now = sentTo(user).length;
      if (now === seen) break;
      seen = now;
    }
    return sentTo(user).slice(before);
  }
  const say = async (user: FakeUser, text: string) =>
    textOf(await exchange(user, () => fake.text(user, text)));
  return {
    fake,
    runtime,
    services,
    telegram: channel,
    logLines,
    newUser: (firstName = "Budi") => ({ id: randomInt(1e9, 2e9), firstName }),
    sentTo,
    exchange,
    say,
    async walkToKtp(user) {
      for (const [text, expected] of toKtpStep()) {
        const reply = await say(user, text);
        if (!reply.includes(expected)) {
          throw new Error(`after "${text}" expected "${expected}", got: ${reply}`);
        }
      }
    },
    async stop() {
      await channel.stop();
      await lifecycle.shutdown("test done");
      await fake.close();
      await deleteKeys(prefix);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
