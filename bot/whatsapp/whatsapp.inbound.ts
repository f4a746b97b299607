// From `messages.upsert` to the inbound pipeline, one chat at a time: which
// messages are for the bot (live ones, and those queued while it was
// offline), who sent them, the files they bring, edits and deletions of
// earlier messages, the chat's disappearing timer; then blue ticks.
import type { BaileysEventMap, WAMessage } from "@whiskeysockets/baileys";
import type { InboundHandler } from "../../core/app/handle-inbound.ts";
import { applyEdit, withdrawMessage } from "../../core/app/inbound-amendments.ts";
import type { createKeyedMutex } from "../../core/app/keyed-mutex.ts";
import type { InboundContent, InboundMessage, Sender } from "../../core/contracts/messages.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import {
  missingMedia,
  type RetryOptions,
  storedMediaContent,
  withRetries,
} from "../channel-inbound.ts";
import { describeError } from "./whatsapp.connection.ts";
import type { WhatsappIdentity } from "./whatsapp.identity.ts";
import {
  type MappedInput,
  type MappedMessage,
  mapMessage,
  type WhatsappFileRef,
} from "./whatsapp.mapper.ts";
import type { OfflineWindow } from "./whatsapp.offline.ts";
import type { Recipients } from "./whatsapp.recipients.ts";
import type { WhatsappSocket } from "./whatsapp.socket.ts";
import type { ChatTimers } from "./whatsapp.timers.ts";

export interface WhatsappInboundDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  inbound: Pick<InboundHandler, "handle" | "storeMedia" | "amend">;
  logger: Logger;
  now: () => Date;
  maxDownloadBytes: number;
  chats: ReturnType<typeof createKeyedMutex>;
  identity: WhatsappIdentity;
  recipients: Recipients;
  offline: OfflineWindow;
  timers: ChatTimers;
  /** Blue ticks once handled, "typing…" while the reply is made (fire and forget). */
  markRead: boolean;
  running(): boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createWhatsappInbound(deps: WhatsappInboundDeps) {
  const log = deps.logger;
  const inFlight = new Set<Promise<unknown>>();
  const retry: RetryOptions = {
    stopped: () => !deps.running(),
    wait: sleep,
    onRetry: (attempt, err) =>
      log.warn({ attempt, error: describeError(err) }, "Retrying a WhatsApp message"),
  };

  async function mediaContent(
    sock: WhatsappSocket,
    msg: WAMessage,
    sender: Sender,
    file: WhatsappFileRef,
  ): Promise<InboundContent> {
    const missing = (size: number | null) => missingMedia(file, size);
    if (file.size !== null && file.size > deps.maxDownloadBytes) return missing(file.size);
    let bytes: Buffer;
    try {
      bytes = await sock.downloadMedia(msg);
    } catch (err) {
      log.warn({ error: describeError(err) }, "WhatsApp media not downloaded");
      return missing(file.size);
    }
    // storeMedia checks the size and the magic bytes again, whatever WhatsApp claimed.
    const stored = await deps.inbound.storeMedia({
      channel: "WHATSAPP",
      sender,
      bytes,
      sourceMessageId: msg.key.id ?? undefined,
    });
    return storedMediaContent(stored, file);
  }

  async function handleInput(
    sock: WhatsappSocket,
    msg: WAMessage,
    mapped: MappedInput,
    sender: Sender,
  ) {
    if (mapped.content.type === "file") {
      // A redelivered message: no second download, no orphan copy of the file.
      const seen = await deps.prisma.processedMessage.findUnique({
        where: { channel_messageId: { channel: "WHATSAPP", messageId: mapped.messageId } },
      });
      if (seen) return;
    }
    const content =
      mapped.content.type === "file"
        ? await mediaContent(sock, msg, sender, mapped.content.file)
        : mapped.content;
    const message: InboundMessage = {
      channel: "WHATSAPP",
      messageId: mapped.messageId,
      sender,
      at: mapped.at,
      content,
    };
    return withRetries(() => deps.inbound.handle(message), retry);
  }

  async function handleMapped(
    sock: WhatsappSocket,
    msg: WAMessage,
    mapped: Exclude<MappedMessage, { type: "ignored" }>,
  ) {
    const sender = await deps.identity.senderOf(sock, mapped);
    const chat = msg.key.remoteJid ?? sender.externalId;
    // The chat's disappearing timer, wherever the message tells it; the switch itself needs no answer.
    const timer = mapped.type === "timer" || mapped.type === "message" ? mapped.timer : null;
    if (timer) await deps.timers.learn(sender.externalId, timer);
    if (mapped.type === "timer") return;
    // Costs one small frame and is not waited for: the reply is not held up.
    if (deps.markRead) void sock.sendPresenceUpdate("composing", chat).catch(() => {});
    const origin = {
      channel: "WHATSAPP" as const,
      sender,
      messageId: mapped.messageId,
      at: mapped.at,
    };
    const outcome = await deps.recipients.arrival(sender.externalId, () => {
      switch (mapped.type) {
        case "message":
          return handleInput(sock, msg, mapped, sender);
        case "edit":
          return withRetries(
            () => applyEdit(deps, { ...origin, target: mapped.target, text: mapped.text }),
            retry,
          );
        case "revoke":
          return withRetries(
            () =>
              withdrawMessage(
                { inbound: deps.inbound, now: deps.now },
                { ...origin, target: mapped.target },
              ),
            retry,
          );
      }
    });
    if (outcome && "contactId" in outcome)
      deps.recipients.known(sender.externalId, outcome.contactId);
    if (outcome?.type === "invalid") {
      log.warn({ problems: outcome.problems }, "WhatsApp message refused");
    } else if (outcome) {
      log.debug({ kind: mapped.type, outcome: outcome.type }, "WhatsApp message handled");
    }
    if (!deps.markRead) return;
    void sock.readMessages([msg.key]).catch(() => {});
    // No reply on its way (an agent has the chat, a duplicate): stop "typing…" now.
    const replying = outcome?.type === "handled" && outcome.replyIds.length > 0;
    if (!replying) void sock.sendPresenceUpdate("paused", chat).catch(() => {});
  }

  return {
    onUpsert(sock: WhatsappSocket, upsert: BaileysEventMap["messages.upsert"]): void {
      for (const msg of upsert.messages) {
        if (!deps.offline.accepts(upsert.type, msg)) {
          log.debug({ type: upsert.type }, "WhatsApp message outside the offline window ignored");
          continue;
        }
        const mapped = mapMessage(msg, deps.now());
        if (mapped.type === "ignored") {
          log.debug({ reason: mapped.reason }, "WhatsApp message ignored");
          continue;
        }
        const chat = msg.key.remoteJid ?? "";
        const work = deps.chats
          .run(chat, () => handleMapped(sock, msg, mapped))
          .catch((err: unknown) => log.error({ err }, "WhatsApp message failed"));
        inFlight.add(work);
        void work.finally(() => inFlight.delete(work));
      }
    },
    /** Waits for the messages being handled. */
    async settle(): Promise<void> {
      await Promise.allSettled([...inFlight]);
    },
  };
}
