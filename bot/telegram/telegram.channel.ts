// The Telegram channel: long polling (grammY runner, one chat at a time in
// order, chats in parallel) or a webhook into the inbound pipeline, and
// sendMessage for the outbound sender. Sends are paced per chat and globally
// (telegram.pacer.ts); 429s are waited out by the auto-retry plugin;
// everything else that fails a send is thrown for BullMQ to retry or dead-letter.
//
// This file wires the parts: the bot and its API hooks (telegram.api.ts),
// inbound updates (telegram.inbound.ts, files through telegram.media.ts),
// outbound sends (telegram.outbound.ts), the connection (telegram.session.ts),
// its state and metrics (telegram.state.ts), and webhook mode (telegram.webhook.ts).
import type { Registry } from "prom-client";
import type { InboundHandler } from "../../core/app/handle-inbound.ts";
import type { Logger } from "../../core/infra/logger.ts";
import type { TelegramInbox } from "../../core/infra/stores/telegram-inbox.store.ts";
import type { GroupBudgetConfig } from "./group-budget.hook.ts";
import { createTelegramBot } from "./telegram.api.ts";
import { type GroupHandler, installInbound } from "./telegram.inbound.ts";
import { createTelegramMedia, DEFAULT_API_ROOT, downloadLimit } from "./telegram.media.ts";
import { createTelegramOutbound } from "./telegram.outbound.ts";
import { createTelegramSession, sleep } from "./telegram.session.ts";
import { createTelegramState, type TelegramChannelState } from "./telegram.state.ts";
import { createWebhookInfo, createWebhookRoute } from "./telegram.webhook.ts";

export type { GroupHandler } from "./telegram.inbound.ts";
export type { TelegramChannelState } from "./telegram.state.ts";
export { secretMatches, WEBHOOK_PATH } from "./telegram.webhook.ts";

export interface TelegramChannelOptions {
  token: string;
  /** The Bot API server; a test's fake, or a self-hosted one. */
  apiRoot?: string;
  inbound: Pick<InboundHandler, "handle" | "admitMedia" | "storeMedia">;
  logger: Logger;
  /** Files above this are not downloaded (capped at the Bot API's 20 MB): bytes read, not claimed. */
  maxDownloadBytes: number;
  /** Long-polling wait per getUpdates, in seconds. */
  pollTimeoutSeconds?: number;
  /** Pause between reconnect attempts while Telegram cannot be reached. */
  retryIntervalMs?: number;
  downloadTimeoutMs?: number;
  now?: () => Date;
  /** Outgoing messages per second over all chats (default 25). */
  globalRatePerSecond?: number;
  /** Minimum time between two messages to one chat (default 1000 ms; 0 = none). */
  chatIntervalMs?: number;
  /** Chats paced their own way (the agents group: about 20 messages a minute). */
  chatIntervals?: Readonly<Record<string, number>>;
  /**
   * Groups with a sliding-window message budget (the agents group: Telegram
   * allows about 20 messages a minute); live sends go before bulk ones.
   */
  groupBudgets?: GroupBudgetConfig;
  /**
   * Updates from group chats (the agent desk) go here before the citizen
   * pipeline; it returns true when it took the update. Set after creation
   * with `setGroupHandler`, since the desk needs this channel's API.
   */
  groupHandler?: GroupHandler;
  /**
   * Long polling: each fetched batch is kept here before the next getUpdates
   * confirms it to Telegram, and what a crash left unhandled is handled at
   * start-up. Without it a crash between fetch and handling loses updates.
   */
  inbox?: TelegramInbox;
  /** Webhook mode instead of long polling; `webhookRoute` then serves WEBHOOK_PATH. */
  webhook?: {
    /** The public URL Telegram POSTs to. */
    url: string;
    /** Sent back by Telegram in X-Telegram-Bot-Api-Secret-Token. */
    secret: string;
    /** How old the pending_update_count shown by state() may get (default 15 s). */
    infoMaxAgeMs?: number;
  };
}

export function createTelegramChannel(opts: TelegramChannelOptions) {
  const apiRoot = (opts.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/u, "");
  const pollTimeoutSeconds = opts.pollTimeoutSeconds ?? 30;
  const retryIntervalMs = opts.retryIntervalMs ?? 5000;
  const now = opts.now ?? (() => new Date());
  const log = opts.logger.child({ component: "telegram" });
  const webhook = opts.webhook;
  const mode = webhook ? "webhook" : "polling";

  const stopping = new AbortController();
  const state = createTelegramState(log);
  const bot = createTelegramBot({
    token: opts.token,
    apiRoot,
    pollTimeoutSeconds,
    inbox: opts.inbox,
    globalRatePerSecond: opts.globalRatePerSecond ?? 25,
    chatIntervalMs: opts.chatIntervalMs ?? 1000,
    chatIntervals: opts.chatIntervals,
    groupBudgets: opts.groupBudgets,
    state,
    stopping: stopping.signal,
  });
  const webhookInfo = createWebhookInfo({ bot, log, maxAgeMs: webhook?.infoMaxAgeMs });

  const inFlight = new Set<Promise<unknown>>();
  let groupHandler = opts.groupHandler;
  installInbound({
    bot,
    inbound: opts.inbound,
    log,
    now,
    groupHandler: () => groupHandler,
    mediaContent: createTelegramMedia({
      inbound: opts.inbound,
      api: bot.api,
      apiRoot,
      token: opts.token,
      maxBytes: downloadLimit(apiRoot, opts.maxDownloadBytes),
      timeoutMs: opts.downloadTimeoutMs ?? 60_000,
      signal: stopping.signal,
      log,
    }),
    inbox: opts.inbox,
    webhook: webhook !== undefined,
    stopping: stopping.signal,
    wait: (ms) => sleep(ms, stopping.signal),
    inFlight,
  });

  const session = createTelegramSession({
    bot,
    log,
    state,
    inbox: opts.inbox,
    webhook,
    refreshWebhookInfo: webhookInfo.refresh,
    pollTimeoutSeconds,
    retryIntervalMs,
    stopping,
    inFlight,
  });

  return {
    channel: createTelegramOutbound(bot.api),
    /** The grammY bot, e.g. to add middleware for other chats before start(). */
    bot,
    mode,
    /** For the HTTP server's routes: serves WEBHOOK_PATH in webhook mode. */
    webhookRoute: createWebhookRoute({ webhook, bot, stopping: stopping.signal, inFlight, log }),
    /** Sends group updates (the agents group) to the agent desk. */
    setGroupHandler(handler: GroupHandler): void {
      groupHandler = handler;
    },
    /** Puts helpdesk_channel_up and the send-error counter on the registry. */
    registerMetrics(registry: Registry): void {
      state.registerMetrics(registry);
    },
    /**
     * Connects and starts polling (or sets the webhook). Throws only for a
     * refused token or webhook URL; while
     * Telegram cannot be reached it keeps trying in the background.
     */
    start: session.start,
    /** Stops polling and waits for the updates being handled. */
    stop: session.stop,
    state(): TelegramChannelState {
      const current = state.current();
      if (!webhook || current.state !== "connected") return { ...current };
      return webhookInfo.annotate(current);
    },
  };
}

export type TelegramChannel = ReturnType<typeof createTelegramChannel>;
