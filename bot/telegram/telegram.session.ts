// The Telegram channel's connection: deleteWebhook (polling) or setWebhook
// (webhook), getMe, the bot's profile, what a crash left in the inbox, then
// the grammY runner; retried in the background while Telegram cannot be
// reached, and stopped with the updates being handled waited for.
import { type RunnerHandle, run } from "@grammyjs/runner";
import { type Bot, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../../core/infra/logger.ts";
import type { TelegramInbox } from "../../core/infra/stores/telegram-inbox.store.ts";
import { describeError } from "./telegram.media.ts";
import { BOT_PROFILES } from "./telegram.profile.ts";
import type { TelegramState } from "./telegram.state.ts";

const ALLOWED_UPDATES = ["message", "callback_query"] as const;

/** Waits `ms`, or less when the signal aborts; never rejects. */
export const sleep = (ms: number, signal: AbortSignal) =>
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

export function createTelegramSession(deps: {
  bot: Bot;
  log: Logger;
  state: TelegramState;
  inbox?: TelegramInbox | undefined;
  webhook?: { url: string; secret: string } | undefined;
  /** Webhook mode: getWebhookInfo for state(), read once connected. */
  refreshWebhookInfo: () => Promise<void>;
  pollTimeoutSeconds: number;
  retryIntervalMs: number;
  stopping: AbortController;
  /** Updates being handled, waited for by stop(). */
  inFlight: Set<Promise<unknown>>;
}) {
  const { bot, log, webhook, stopping } = deps;
  const setState = deps.state.set;
  let runner: RunnerHandle | undefined;
  let started = false;

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

  /** Handles what a crash left in the inbox; the dedupe claim skips anything already handled. */
  async function replayInbox() {
    if (!deps.inbox) return;
    const pending = await deps.inbox.pending(bot.botInfo.id);
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
      await deps.refreshWebhookInfo();
      setState({ state: "connected", detail: `webhook as @${bot.botInfo.username}` });
      return;
    }
    await replayInbox();
    if (stopping.signal.aborted) return;
    runner = run(bot, {
      runner: {
        fetch: { timeout: deps.pollTimeoutSeconds, allowed_updates: [...ALLOWED_UPDATES] },
        retryInterval: deps.retryIntervalMs,
        // Failures are logged once per state change by the hook in telegram.api.ts.
        silent: true,
      },
    });
    setState({ state: "connected", detail: `polling as @${bot.botInfo.username}` });
    runner.task()?.catch((err: unknown) => {
      // 401 (token revoked) or 409 (another poller or a webhook): polling has stopped.
      setState({ state: "error", detail: "polling stopped", lastError: describeError(err) });
    });
  }

  return {
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
          await sleep(deps.retryIntervalMs, stopping.signal);
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
      await Promise.allSettled([...deps.inFlight]);
      setState({ state: "disconnected", detail: "stopped" });
    },
  };
}
