// The Telegram channel: long polling (grammY runner, one chat at a time in
// order, chats in parallel) or a webhook into the inbound pipeline, and
// sendMessage for the outbound sender. Sends are paced per chat and globally
// (telegram.pacer.ts); 429s are waited out by the auto-retry plugin;
// everything else that fails a send is thrown for BullMQ to retry or dead-letter.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { autoRetry } from "@grammyjs/auto-retry";
import { type RunnerHandle, run, sequentialize } from "@grammyjs/runner";
import { UnrecoverableError } from "bullmq";
import { Bot, type Context, GrammyError, InputFile } from "grammy";
import type { Update } from "grammy/types";
import { Counter, Gauge, type Registry } from "prom-client";
import type { InboundHandler } from "../../core/app/handle-inbound.ts";
import type { InboundContent, InboundMessage } from "../../core/contracts/messages.ts";
import type { ChannelState, Route } from "../../core/infra/health-server.ts";
import type { Logger } from "../../core/infra/logger.ts";
import type { TelegramInbox } from "../../core/infra/stores/telegram-inbox.store.ts";
import type { OutboundChannel } from "../../core/ports/channel.port.ts";
import { fetchMedia, handleWithRetries } from "../channel-inbound.ts";
import { createGroupBudget, type GroupBudgetOptions } from "./group-budget.ts";
import { currentSendLane } from "./send-lane.ts";
import { type MappedUpdate, mapUpdate, type TelegramFileRef } from "./telegram.mapper.ts";
import { BOT_API_DOWNLOAD_LIMIT, describeError, downloadFile } from "./telegram.media.ts";
import { createPacer } from "./telegram.pacer.ts";
import { BOT_PROFILES } from "./telegram.profile.ts";
import { renderBody } from "./telegram.render.ts";

export const DEFAULT_API_ROOT = "https://api.telegram.org";
/** Where Telegram POSTs updates in webhook mode, on the bot's HTTP server. */
export const WEBHOOK_PATH = "/telegram/webhook";
const SECRET_HEADER = "x-telegram-bot-api-secret-token";
/** Telegram's updates are small; anything much larger is not one. */
const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;
const ALLOWED_UPDATES = ["message", "callback_query"] as const;

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
  groupBudgets?: Readonly<Record<string, Omit<GroupBudgetOptions, "now" | "setTimer">>>;
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

/** Takes an update from a group chat; false leaves it to the citizen pipeline. */
export type GroupHandler = (ctx: Context) => Promise<boolean>;

export type TelegramChannelState = Omit<ChannelState, "state"> & {
  state: "connected" | "starting" | "disconnected" | "error";
};

/** What one send-log row became, kept so a retry does not resend parts already out. */
interface SendProgress {
  sent: number;
  providerIds: string[];
}
const MAX_TRACKED_SENDS = 2000;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });

/** A bad token is a configuration error: retrying cannot fix it. */
const isFatal = (err: unknown) =>
  err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404);

/** Methods that put a message into a chat: paced, and their failures counted. */
const isSendMethod = (method: string) => /^(send|copyMessage|forwardMessage)/u.test(method);
/** What Telegram counts against a group's messages a minute: topic changes post a service message. */
const countsInGroupBudget = (method: string) =>
  isSendMethod(method) || method === "createForumTopic" || method === "editForumTopic";

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** Constant-time comparison (of digests, so the lengths match too). */
export function secretMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function reply(res: ServerResponse, status: number, body: unknown = {}) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(json),
    "cache-control": "no-store",
  });
  res.end(json);
}

async function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function createTelegramChannel(opts: TelegramChannelOptions) {
  const apiRoot = (opts.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/u, "");
  const pollTimeoutSeconds = opts.pollTimeoutSeconds ?? 30;
  const retryIntervalMs = opts.retryIntervalMs ?? 5000;
  // The public Bot API serves files up to 20 MB; a self-hosted server has no
  // such limit, so there the configured size alone applies.
  const maxDownloadBytes =
    apiRoot === DEFAULT_API_ROOT
      ? Math.min(opts.maxDownloadBytes, BOT_API_DOWNLOAD_LIMIT)
      : opts.maxDownloadBytes;
  const now = opts.now ?? (() => new Date());
  const log = opts.logger.child({ component: "telegram" });

  const stopping = new AbortController();
  let current: TelegramChannelState = { state: "starting", detail: "not started" };
  const setState = (next: TelegramChannelState) => {
    if (next.state !== current.state) {
      const expected = next.state !== "error" && next.state !== "disconnected";
      const level = expected || next.detail === "stopped" ? "info" : "warn";
      log[level]({ state: next.state, detail: next.detail, lastError: next.lastError }, "Telegram");
    }
    current = next;
  };

  const webhook = opts.webhook;
  const mode = webhook ? "webhook" : "polling";
  const budgets = new Map(
    Object.entries(opts.groupBudgets ?? {}).map(([chat, o]) => [chat, createGroupBudget(o)]),
  );
  const pacer = createPacer({
    globalRatePerSecond: opts.globalRatePerSecond ?? 25,
    chatIntervalMs: opts.chatIntervalMs ?? 1000,
    // A group with a budget keeps its own gap there, in lane order.
    chatIntervals: {
      ...opts.chatIntervals,
      ...Object.fromEntries([...budgets.keys()].map((chat) => [chat, 0])),
    },
  });
  // Not registered until registerMetrics(): the runtime's registry comes later.
  const upGauge = new Gauge({
    name: "helpdesk_channel_up",
    help: "1 while the channel is connected, 0 otherwise",
    labelNames: ["channel"],
    registers: [],
    collect() {
      this.set({ channel: "telegram" }, current.state === "connected" ? 1 : 0);
    },
  });
  const sendErrors = new Counter({
    name: "helpdesk_channel_send_errors_total",
    help: "Messages the channel failed to send (after 429 retries), by error code",
    labelNames: ["channel", "code"],
    registers: [],
  });
  /** The last getWebhookInfo, for state() in webhook mode. */
  let webhookInfo: { pending: number; lastError?: string; at: number } | undefined;
  let webhookInfoLoading = false;

  const bot = new Bot(opts.token, {
    // A poll waits pollTimeoutSeconds; any call taking much longer is hung.
    client: { apiRoot, timeoutSeconds: pollTimeoutSeconds + 20 },
  });
  // Long polling confirms a batch with the next getUpdates: keep it first.
  bot.api.config.use(async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (method === "getUpdates" && result.ok && opts.inbox) {
      await opts.inbox.save(bot.botInfo.id, result.result as Update[]);
    }
    return result;
  });
  // Innermost, so each attempt (auto-retry's too) waits for its slot.
  bot.api.config.use(async (prev, method, payload, signal) => {
    const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
    const budget = chatId === undefined ? undefined : budgets.get(String(chatId));
    const release =
      budget && countsInGroupBudget(method) ? await budget.acquire(currentSendLane()) : undefined;
    try {
      if (isSendMethod(method) && chatId !== undefined) await pacer.acquire(String(chatId));
      return await prev(method, payload, signal);
    } finally {
      release?.();
    }
  });
  // Telegram answers 429 with retry_after: wait it out, but not for so long
  // that the sender's row lock (120 s) runs out; network errors go back to
  // the caller (BullMQ or the runner) which retries with its own backoff.
  bot.api.config.use(
    autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }),
  );
  // grammY runs the last hook added outermost: this one sees each poll after
  // auto-retry, so a 429 it waited out does not flip state() to disconnected.
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (method === "getUpdates" && result.ok) {
        setState({ state: "connected", detail: `polling as @${bot.botInfo.username}` });
      }
      return result;
    } catch (err) {
      if (method === "getUpdates" && !signal?.aborted && !stopping.signal.aborted) {
        setState({
          state: "disconnected",
          detail: "getUpdates failed, retrying",
          lastError: describeError(err),
        });
      }
      throw err;
    }
  });
  // Outside auto-retry: a 429 it waited out is not an error.
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok && isSendMethod(method)) {
        sendErrors.inc({ channel: "telegram", code: String(result.error_code) });
      }
      return result;
    } catch (err) {
      if (isSendMethod(method)) {
        const code = err instanceof GrammyError ? String(err.error_code) : "network";
        sendErrors.inc({ channel: "telegram", code });
      }
      throw err;
    }
  });

  let runner: RunnerHandle | undefined;
  let started = false;
  const inFlight = new Set<Promise<unknown>>();
  const progress = new Map<string, SendProgress>();
  /** Chats that still show the contact keyboard (one process holds the channel). */
  const replyKeyboards = new Set<string>();

  function mediaContent(
    sender: InboundMessage["sender"],
    file: TelegramFileRef,
  ): Promise<InboundContent> {
    return fetchMedia({
      inbound: opts.inbound,
      message: { channel: "TELEGRAM", sender },
      claimed: file,
      maxBytes: maxDownloadBytes,
      download: () =>
        downloadFile({
          api: bot.api,
          apiRoot,
          token: opts.token,
          fileId: file.fileId,
          maxBytes: maxDownloadBytes,
          timeoutMs: opts.downloadTimeoutMs ?? 60_000,
          signal: stopping.signal,
        }),
      onRefused: (reason, detail) => log.warn({ reason, detail }, "File not stored"),
    });
  }

  async function handleMapped(mapped: Extract<MappedUpdate, { type: "message" }>) {
    const content =
      mapped.content.type === "file"
        ? await mediaContent(mapped.sender, mapped.content.file)
        : mapped.content;
    const message: InboundMessage = {
      channel: "TELEGRAM",
      // update_id counts per bot: with the bot's id in front, a new bot token
      // can never collide with ids the dedupe table still holds.
      messageId: `${bot.botInfo.id}:${mapped.updateId}`,
      sender: mapped.sender,
      at: mapped.at,
      content,
    };
    const outcome = await handleWithRetries(opts.inbound, message, {
      stopped: () => stopping.signal.aborted,
      wait: (ms) => sleep(ms, stopping.signal),
      onRetry: (attempt, err) =>
        log.warn({ updateId: mapped.updateId, attempt, error: describeError(err) }, "Retrying"),
    });
    if (outcome.type === "invalid") {
      log.warn({ updateId: mapped.updateId, problems: outcome.problems }, "Update refused");
    } else {
      log.debug({ updateId: mapped.updateId, outcome: outcome.type }, "Update handled");
    }
  }

  let groupHandler = opts.groupHandler;

  async function onUpdate(ctx: Context) {
    if (groupHandler && ctx.chat && ctx.chat.type !== "private" && (await groupHandler(ctx))) {
      return;
    }
    const mapped = mapUpdate(ctx.update, now());
    if (mapped.callbackQueryId !== undefined) {
      // Telegram shows a spinner on the button until the query is answered.
      await ctx.api
        .answerCallbackQuery(mapped.callbackQueryId)
        .catch((err: unknown) =>
          log.warn({ error: describeError(err) }, "answerCallbackQuery failed"),
        );
    }
    if (mapped.type === "ignored") {
      log.debug({ updateId: mapped.updateId, reason: mapped.reason }, "Update ignored");
      return;
    }
    await handleMapped(mapped);
  }

  bot.use(sequentialize((ctx: Context) => (ctx.chat ?? ctx.from)?.id.toString()));
  bot.use(async (ctx) => {
    const work = onUpdate(ctx);
    inFlight.add(work);
    try {
      await work;
      // Handled (its message claimed, or ignored on purpose): no replay needed.
      // Webhook updates never enter the inbox (Telegram redelivers those).
      if (!webhook) await opts.inbox?.done(bot.botInfo.id, ctx.update.update_id);
    } finally {
      inFlight.delete(work);
    }
  });
  bot.catch((err) => {
    log.error(
      { updateId: err.ctx.update.update_id, error: describeError(err.error) },
      "Telegram update failed",
    );
  });

  /**
   * deleteWebhook (polling) or setWebhook (webhook), then getMe: true when
   * connected, false to try again; throws on a bad token or webhook URL.
   */
  async function connect(): Promise<boolean> {
    try {
      if (webhook) {
        // Setting the same URL and secret again changes nothing: safe on every start.
        await bot.api.setWebhook(webhook.url, {
          secret_token: webhook.secret,
          allowed_updates: [...ALLOWED_UPDATES],
          drop_pending_updates: false,
        });
      } else {
        // Polling and a webhook exclude each other; pending updates are kept.
        await bot.api.deleteWebhook({ drop_pending_updates: false });
      }
      await bot.init();
      return true;
    } catch (err) {
      if (isFatal(err)) {
        setState({ state: "error", detail: "token refused", lastError: describeError(err) });
        throw new Error(`Telegram refused the bot token: ${describeError(err)}`);
      }
      if (webhook && err instanceof GrammyError && err.error_code === 400) {
        setState({ state: "error", detail: "webhook refused", lastError: describeError(err) });
        throw new Error(`Telegram refused the webhook: ${describeError(err)}`);
      }
      setState({
        state: "disconnected",
        detail: "Telegram not reachable, retrying",
        lastError: describeError(err),
      });
      return false;
    }
  }

  /** The command menu and descriptions; setting them again is harmless. */
  async function publishProfile() {
    for (const profile of BOT_PROFILES) {
      const language = profile.languageCode ? { language_code: profile.languageCode } : {};
      try {
        await bot.api.setMyCommands(profile.commands, language);
        await bot.api.setMyDescription(profile.description, language);
        await bot.api.setMyShortDescription(profile.shortDescription, language);
      } catch (err) {
        // Cosmetic: the bot works without its menu, so this never stops start-up.
        log.warn({ error: describeError(err), language: profile.languageCode }, "Profile not set");
      }
    }
  }

  /** getWebhookInfo into webhookInfo; failures only leave the old value. */
  async function refreshWebhookInfo() {
    if (webhookInfoLoading) return;
    webhookInfoLoading = true;
    try {
      const info = await bot.api.getWebhookInfo();
      webhookInfo = {
        pending: info.pending_update_count,
        ...(info.last_error_message ? { lastError: info.last_error_message } : {}),
        at: performance.now(),
      };
    } catch (err) {
      log.warn({ error: describeError(err) }, "getWebhookInfo failed");
    } finally {
      webhookInfoLoading = false;
    }
  }

  /** Handles what a crash left in the inbox; the dedupe claim skips anything already handled. */
  async function replayInbox() {
    if (!opts.inbox) return;
    const pending = await opts.inbox.pending(bot.botInfo.id);
    if (pending.length > 0)
      log.info({ count: pending.length }, "Handling updates kept before a restart");
    for (const update of pending) {
      if (stopping.signal.aborted) return;
      await bot
        .handleUpdate(update as Update)
        .catch((err: unknown) =>
          log.warn(
            { error: describeError(err) },
            "Kept update failed; it stays for the next start",
          ),
        );
    }
  }

  async function begin() {
    await publishProfile();
    if (stopping.signal.aborted) return;
    if (webhook) {
      await refreshWebhookInfo();
      setState({ state: "connected", detail: `webhook as @${bot.botInfo.username}` });
      return;
    }
    await replayInbox();
    if (stopping.signal.aborted) return;
    runner = run(bot, {
      runner: {
        fetch: { timeout: pollTimeoutSeconds, allowed_updates: [...ALLOWED_UPDATES] },
        retryInterval: retryIntervalMs,
        // Failures are logged once per state change by the transformer above.
        silent: true,
      },
    });
    setState({ state: "connected", detail: `polling as @${bot.botInfo.username}` });
    runner.task()?.catch((err: unknown) => {
      // 401 (token revoked) or 409 (another poller or a webhook): polling has stopped.
      setState({ state: "error", detail: "polling stopped", lastError: describeError(err) });
    });
  }

  /** POST /telegram/webhook in webhook mode; in polling mode it serves nothing. */
  const webhookRoute: Route = async (req, res) => {
    if (!webhook) return false;
    if (new URL(req.url ?? "/", "http://local").pathname !== WEBHOOK_PATH) return false;
    if (req.method !== "POST") {
      reply(res, 405, { error: "method not allowed" });
      return true;
    }
    const given = req.headers[SECRET_HEADER];
    if (typeof given !== "string" || !secretMatches(given, webhook.secret)) {
      req.resume();
      reply(res, 401, { error: "unauthorized" });
      return true;
    }
    const body = await readLimited(req, MAX_WEBHOOK_BODY_BYTES);
    if (!body) {
      reply(res, 413, { error: "too large" });
      return true;
    }
    let update: Update;
    try {
      update = JSON.parse(body.toString("utf8")) as Update;
    } catch {
      reply(res, 400, { error: "not JSON" });
      return true;
    }
    if (typeof update !== "object" || update === null || typeof update.update_id !== "number") {
      reply(res, 400, { error: "not an update" });
      return true;
    }
    // Not ready (or shutting down): Telegram keeps the update and tries again.
    if (!bot.isInited() || stopping.signal.aborted) {
      reply(res, 503, { error: "not ready" });
      return true;
    }
    // Answered after the update is handled (its claim and state committed):
    // a crash mid-way leaves Telegram without a 200, so it delivers again, and
    // the dedupe claim makes that redelivery harmless.
    const work = bot.handleUpdate(update);
    inFlight.add(work);
    try {
      await work;
      reply(res, 200, {});
    } catch (err) {
      log.error({ updateId: update.update_id, error: describeError(err) }, "Webhook update failed");
      reply(res, 500, { error: "not handled" });
    } finally {
      inFlight.delete(work);
    }
    return true;
  };

  const channel: OutboundChannel = {
    channel: "TELEGRAM",
    async send(recipient, body, messageId) {
      const chatId = recipient.externalId;
      if (body.kind === "document") {
        try {
          const sent = await bot.api.sendDocument(
            chatId,
            new InputFile(body.bytes, body.fileName),
            body.caption ? { caption: body.caption.slice(0, 1024) } : {},
          );
          return { providerId: String(sent.message_id) };
        } catch (err) {
          if (err instanceof GrammyError && (err.error_code === 400 || err.error_code === 403)) {
            throw new UnrecoverableError(`Telegram refused the document: ${err.description}`);
          }
          throw new Error(`Telegram document send failed: ${describeError(err)}`);
        }
      }
      const rendered = renderBody(body, { replyKeyboardShown: replyKeyboards.has(chatId) });
      const done = progress.get(messageId) ?? { sent: 0, providerIds: [] };
      for (let i = done.sent; i < rendered.messages.length; i++) {
        const part = rendered.messages[i];
        if (!part) continue;
        const { text, ...other } = part;
        try {
          const sent = await bot.api.sendMessage(chatId, text, other);
          done.sent = i + 1;
          done.providerIds.push(String(sent.message_id));
          progress.set(messageId, done);
        } catch (err) {
          // 400 (bad chat id, bad markup) and 403 (the user blocked the bot) do
          // not heal with time; anything else is retried by the queue.
          if (err instanceof GrammyError && (err.error_code === 400 || err.error_code === 403)) {
            throw new UnrecoverableError(`Telegram refused the message: ${err.description}`);
          }
          throw new Error(`Telegram send failed: ${describeError(err)}`);
        }
      }
      if (progress.size > MAX_TRACKED_SENDS) {
        const oldest = progress.keys().next().value;
        if (oldest !== undefined) progress.delete(oldest);
      }
      if (rendered.showsReplyKeyboard) replyKeyboards.add(chatId);
      if (rendered.removesReplyKeyboard) replyKeyboards.delete(chatId);
      const last = done.providerIds[done.providerIds.length - 1];
      return last === undefined ? {} : { providerId: last };
    },
  };

  return {
    channel,
    /** The grammY bot, e.g. to add middleware for other chats before start(). */
    bot,
    mode,
    /** For the HTTP server's routes: serves WEBHOOK_PATH in webhook mode. */
    webhookRoute,
    /** Sends group updates (the agents group) to the agent desk. */
    setGroupHandler(handler: GroupHandler): void {
      groupHandler = handler;
    },
    /** Puts helpdesk_channel_up and the send-error counter on the registry. */
    registerMetrics(registry: Registry): void {
      registry.registerMetric(upGauge);
      registry.registerMetric(sendErrors);
    },
    /**
     * Connects and starts polling (or sets the webhook). Throws only for a
     * refused token or webhook URL; while
     * Telegram cannot be reached it keeps trying in the background.
     */
    async start(): Promise<void> {
      if (started) return;
      started = true;
      setState({ state: "starting", detail: "connecting" });
      if (await connect()) {
        await begin();
        return;
      }
      void (async () => {
        while (!stopping.signal.aborted) {
          await sleep(retryIntervalMs, stopping.signal);
          if (stopping.signal.aborted) return;
          try {
            if (await connect()) {
              await begin();
              return;
            }
          } catch {
            return; // a refused token: state() says so
          }
        }
      })();
    },
    /** Stops polling and waits for the updates being handled. */
    async stop(): Promise<void> {
      stopping.abort();
      const handle = runner;
      runner = undefined;
      await handle?.stop();
      await Promise.allSettled([...inFlight]);
      setState({ state: "disconnected", detail: "stopped" });
    },
    state(): TelegramChannelState {
      if (!webhook || current.state !== "connected") return { ...current };
      // The count shown is at most infoMaxAgeMs old; the next look refreshes it.
      if (!webhookInfo || performance.now() - webhookInfo.at > (webhook.infoMaxAgeMs ?? 15_000)) {
        void refreshWebhookInfo();
      }
      if (!webhookInfo) return { ...current };
      return {
        ...current,
        detail: `${current.detail}, pending_update_count ${webhookInfo.pending}`,
        ...(webhookInfo.lastError ? { lastError: webhookInfo.lastError } : {}),
      };
    },
  };
}

export type TelegramChannel = ReturnType<typeof createTelegramChannel>;
