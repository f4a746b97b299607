// From a Telegram update to the inbound pipeline, one chat at a time in
// order (chats in parallel): group chats go to the agent desk first, button
// presses are answered, files are fetched, and the message is handed over
// with a few retries. Installed as the bot's middleware.
import { sequentialize } from "@grammyjs/runner";
import type { Bot, Context } from "grammy";
import type { InboundHandler } from "../../core/app/handle-inbound.ts";
import type { InboundContent, InboundMessage } from "../../core/contracts/messages.ts";
import type { Logger } from "../../core/infra/logger.ts";
import type { TelegramInbox } from "../../core/infra/stores/telegram-inbox.store.ts";
import { handleWithRetries } from "../channel-inbound.ts";
import { type MappedUpdate, mapUpdate, type TelegramFileRef } from "./telegram.mapper.ts";
import { describeError } from "./telegram.media.ts";

/** Takes an update from a group chat; false leaves it to the citizen pipeline. */
export type GroupHandler = (ctx: Context) => Promise<boolean>;

export function installInbound(deps: {
  bot: Bot;
  inbound: Pick<InboundHandler, "handle">;
  log: Logger;
  now: () => Date;
  /** The agent desk's handler, looked up per update (it is set after creation). */
  groupHandler: () => GroupHandler | undefined;
  mediaContent: (
    sender: InboundMessage["sender"],
    file: TelegramFileRef,
  ) => Promise<InboundContent>;
  /** Long polling only: a handled update leaves the inbox. */
  inbox?: TelegramInbox | undefined;
  webhook: boolean;
  stopping: AbortSignal;
  wait: (ms: number) => Promise<void>;
  /** Updates being handled, for stop() to wait for. */
  inFlight: Set<Promise<unknown>>;
}): void {
  const { bot, log } = deps;

  async function handleMapped(mapped: Extract<MappedUpdate, { type: "message" }>) {
    const content =
      mapped.content.type === "file"
        ? await deps.mediaContent(mapped.sender, mapped.content.file)
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
    const outcome = await handleWithRetries(deps.inbound, message, {
      stopped: () => deps.stopping.aborted,
      wait: deps.wait,
      onRetry: (attempt, err) =>
        log.warn({ updateId: mapped.updateId, attempt, error: describeError(err) }, "Retrying"),
    });
    if (outcome.type === "invalid") {
      log.warn({ updateId: mapped.updateId, problems: outcome.problems }, "Update refused");
    } else {
      log.debug({ updateId: mapped.updateId, outcome: outcome.type }, "Update handled");
    }
  }

  async function onUpdate(ctx: Context) {
    const groupHandler = deps.groupHandler();
    if (groupHandler && ctx.chat && ctx.chat.type !== "private" && (await groupHandler(ctx))) {
      return;
    }
    const mapped = mapUpdate(ctx.update, deps.now());
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
    deps.inFlight.add(work);
    try {
      await work;
      // Handled (its message claimed, or ignored on purpose): no replay needed.
      // Webhook updates never enter the inbox (Telegram redelivers those).
      if (!deps.webhook) await deps.inbox?.done(bot.botInfo.id, ctx.update.update_id);
    } finally {
      deps.inFlight.delete(work);
    }
  });
  bot.catch((err) => {
    log.error(
      { updateId: err.ctx.update.update_id, error: describeError(err.error) },
      "Telegram update failed",
    );
  });
}
