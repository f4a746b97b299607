// The grammY bot of the Telegram channel and the hooks around its Bot API
// calls: the long-polling inbox, the group budgets and pacing
// (telegram.pacer.ts), auto-retry of 429s, the polling state, and the
// send-error counter. grammY runs the last hook added outermost.
import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { TelegramInbox } from "../../core/infra/stores/telegram-inbox.store.ts";
import {
  createGroupBudgetHook,
  type GroupBudgetConfig,
  isSendMethod,
} from "./group-budget.hook.ts";
import { describeError } from "./telegram.media.ts";
import { createPacer } from "./telegram.pacer.ts";
import type { TelegramState } from "./telegram.state.ts";

export interface TelegramBotOptions {
  token: string;
  apiRoot: string;
  pollTimeoutSeconds: number;
  inbox?: TelegramInbox | undefined;
  globalRatePerSecond: number;
  chatIntervalMs: number;
  chatIntervals?: Readonly<Record<string, number>> | undefined;
  groupBudgets?: GroupBudgetConfig | undefined;
  state: TelegramState;
  /** Aborted when the channel stops: a poll failing then changes no state. */
  stopping: AbortSignal;
}

export function createTelegramBot(opts: TelegramBotOptions): Bot {
  const budgets = createGroupBudgetHook(opts.groupBudgets);
  const pacer = createPacer({
    globalRatePerSecond: opts.globalRatePerSecond,
    chatIntervalMs: opts.chatIntervalMs,
    // A group with a budget keeps its own gap there, in lane order.
    chatIntervals: {
      ...opts.chatIntervals,
      ...Object.fromEntries(budgets.chats.map((chat) => [chat, 0])),
    },
  });

  const bot = new Bot(opts.token, {
    // A poll waits pollTimeoutSeconds; any call taking much longer is hung.
    client: { apiRoot: opts.apiRoot, timeoutSeconds: opts.pollTimeoutSeconds + 20 },
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
    return budgets.around(method, chatId, async () => {
      if (isSendMethod(method) && chatId !== undefined) await pacer.acquire(String(chatId));
      return await prev(method, payload, signal);
    });
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
        opts.state.set({ state: "connected", detail: `polling as @${bot.botInfo.username}` });
      }
      return result;
    } catch (err) {
      if (method === "getUpdates" && !signal?.aborted && !opts.stopping.aborted) {
        opts.state.set({
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
      if (!result.ok && isSendMethod(method)) opts.state.sendFailed(String(result.error_code));
      return result;
    } catch (err) {
      if (isSendMethod(method)) {
        opts.state.sendFailed(err instanceof GrammyError ? String(err.error_code) : "network");
      }
      throw err;
    }
  });
  return bot;
}
