// The outbound sender's side of the WhatsApp channel: only to people who
// wrote first (whatsapp.recipients.ts), only on an open socket, paced per
// chat (with jitter) and overall, under the send-log row's own message id,
// with the chat's disappearing timer; what went out is kept for WhatsApp's
// retry requests.
import type { WAMessage } from "@whiskeysockets/baileys";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import type { OutboundChannel } from "../../core/ports/channel.port.ts";
import { createPacer } from "../telegram/telegram.pacer.ts";
import { describeError } from "./whatsapp.connection.ts";
import type { Recipients } from "./whatsapp.recipients.ts";
import { renderBody, whatsappMessageId } from "./whatsapp.render.ts";
import type { WhatsappSocket } from "./whatsapp.socket.ts";
import type { WhatsappState } from "./whatsapp.state.ts";
import { saveSentMessage } from "./whatsapp.store.ts";
import type { ChatTimers } from "./whatsapp.timers.ts";

export function createWhatsappOutbound(deps: {
  prisma: PrismaClient;
  cipher: Cipher;
  sessionId: string;
  log: Logger;
  globalRatePerSecond: number;
  chatIntervalMs: number;
  chatJitterMs: number;
  random: () => number;
  recipients: Recipients;
  timers: ChatTimers;
  state: WhatsappState;
  /** The current socket, if any. */
  socket: () => WhatsappSocket | undefined;
}): OutboundChannel {
  const { log, state } = deps;
  const store = {
    prisma: deps.prisma,
    cipher: deps.cipher,
    sessionId: deps.sessionId,
    logger: log,
  };
  const pacer = createPacer({
    globalRatePerSecond: deps.globalRatePerSecond,
    chatIntervalMs: deps.chatIntervalMs,
    chatJitterMs: deps.chatJitterMs,
    random: deps.random,
  });

  return {
    channel: "WHATSAPP",
    async send(recipient, body, messageId) {
      deps.recipients.check(recipient);
      const jid = recipient.externalId;
      const sock = deps.socket();
      const phase = state.current().phase;
      if (!sock || phase !== "open") {
        state.sendFailed("not-connected");
        // Thrown as retryable: the queue tries again once the socket is back.
        throw new Error(`WhatsApp is not connected (${phase})`);
      }
      await pacer.acquire(jid);
      let sent: WAMessage | undefined;
      try {
        const expiration = deps.timers.expirationFor(jid);
        sent = await sock.sendMessage(jid, renderBody(body), {
          messageId: whatsappMessageId(messageId),
          // A disappearing chat: the reply disappears like the rest of it.
          ...(expiration ? { ephemeralExpiration: expiration } : {}),
        });
      } catch (err) {
        state.sendFailed("send-failed");
        throw new Error(`WhatsApp send failed: ${describeError(err)}`);
      }
      const id = sent?.key.id ?? undefined;
      if (id && sent?.message) {
        // Not awaited: the sender holds a transaction, and the message is out anyway.
        saveSentMessage(store, id, sent.message).catch((err: unknown) =>
          log.warn({ err }, "Sent WhatsApp message not stored for retries"),
        );
      }
      return id ? { providerId: id } : {};
    },
  };
}
