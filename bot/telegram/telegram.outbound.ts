// The outbound sender's side of the Telegram channel: a body rendered
// (telegram.render.ts) into one or more messages, or a document. What a
// send-log row already got out is remembered, so a retry does not resend
// those parts. 400 and 403 do not heal with time: they are unrecoverable.
import { UnrecoverableError } from "bullmq";
import { type Api, GrammyError, InputFile } from "grammy";
import type { OutboundChannel } from "../../core/ports/channel.port.ts";
import { describeError } from "./telegram.media.ts";
import { renderBody } from "./telegram.render.ts";

/** What one send-log row became, kept so a retry does not resend parts already out. */
interface SendProgress {
  sent: number;
  providerIds: string[];
}
const MAX_TRACKED_SENDS = 2000;

export function createTelegramOutbound(api: Api): OutboundChannel {
  const progress = new Map<string, SendProgress>();
  /** Chats that still show the contact keyboard (one process holds the channel). */
  const replyKeyboards = new Set<string>();

  return {
    channel: "TELEGRAM",
    async send(recipient, body, messageId) {
      const chatId = recipient.externalId;
      if (body.kind === "document") {
        try {
          const sent = await api.sendDocument(
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
          const sent = await api.sendMessage(chatId, text, other);
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
}
