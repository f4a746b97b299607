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
import { createGate } from "../../core/infra/gate.ts";
import type { Logger } from "../../core/infra/logger.ts";
import { fetchMedia, type RetryOptions, withRetries } from "../channel-inbound.ts";
import { describeError } from "./whatsapp.connection.ts";
import type { WhatsappFileRef } from "./whatsapp.content.ts";
import type { WhatsappIdentity } from "./whatsapp.identity.ts";
import { type MappedInput, type MappedMessage, mapMessage } from "./whatsapp.mapper.ts";
import { downloadWhatsappMedia, WHATSAPP_DOWNLOADS_AT_ONCE } from "./whatsapp.media.ts";
import type { OfflineWindow } from "./whatsapp.offline.ts";
import type { Recipients } from "./whatsapp.recipients.ts";
import type { WhatsappSocket } from "./whatsapp.socket.ts";
import type { ChatTimers } from "./whatsapp.timers.ts";

export interface WhatsappInboundDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  inbound: Pick<InboundHandler, "handle" | "admitMedia" | "storeMedia" | "amend">;
  logger: Logger;
  now: () => Date;
  /** Downloads: a hard cap on the bytes read, a timeout, and WhatsApp's media host. */
  media: { maxBytes: number; timeoutMs: number; baseUrl: string };
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

  const downloads = createGate(WHATSAPP_DOWNLOADS_AT_ONCE);
  /** Aborts the downloads under way when the channel stops. */
  let stopping = new AbortController();

  /**
   * The message's file: admitted (block list, rate limit, a full line) before
   * any byte is fetched, downloaded from WhatsApp's media host only, stopped
   * past the byte cap, then checked and stored.
   */
  function mediaContent(msg: WAMessage, sender: Sender, file: WhatsappFileRef) {
    const sourceMessageId = msg.key.id ?? undefined;
    return fetchMedia({
      inbound: {
        admitMedia: deps.inbound.admitMedia,
        storeMedia: (input) =>
          deps.inbound.storeMedia({ ...input, ...(sourceMessageId ? { sourceMessageId } : {}) }),
      },
      message: { channel: "WHATSAPP", sender },
      claimed: file,
      maxBytes: deps.media.maxBytes,
      download: () =>
        downloads.run(() => downloadWhatsappMedia(msg, { ...deps.media, signal: stopping.signal })),
      onRefused: (reason, detail) => log.warn({ reason, detail }, "WhatsApp file not stored"),
    });
  }

  /**
   * Starts fetching a message's file at once, outside the chat's turn: a slow
   * download holds its own message and those after it in the chat (their
   * order is kept), never the chat's earlier messages nor any other chat. The
   * sender is read without linking (that waits for the chat's turn, see
   * whatsapp.identity.ts); a LID contact's file moves with it when linked.
   * Null: nothing to fetch, or a redelivered message (no second download).
   */
  function prefetch(mapped: MappedMessage, msg: WAMessage): Promise<InboundContent | null> | null {
    if (mapped.type !== "message" || mapped.content.type !== "file") return null;
    const file = mapped.content.file;
    const work = (async () => {
      const seen = await deps.prisma.processedMessage.findUnique({
        where: { channel_messageId: { channel: "WHATSAPP", messageId: mapped.messageId } },
      });
      if (seen) return null;
      return mediaContent(msg, await deps.identity.peekSender(mapped), file);
    })();
    work.catch(() => {}); // awaited in the chat's turn
    return work;
  }

  async function handleInput(
    mapped: MappedInput,
    sender: Sender,
    file: Promise<InboundContent | null> | null,
  ) {
    // The file was being fetched since the message arrived (prefetch).
    const content = mapped.content.type === "file" ? await file : mapped.content;
    // A redelivered message whose file is stored already: handled once, by its first delivery.
    if (content === null || content === undefined) return;
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
    file: Promise<InboundContent | null> | null,
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
          return handleInput(mapped, sender, file);
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
        const file = prefetch(mapped, msg);
        const work = deps.chats
          .run(chat, () => handleMapped(sock, msg, mapped, file))
          .catch((err: unknown) => log.error({ err }, "WhatsApp message failed"));
        inFlight.add(work);
        void work.finally(() => inFlight.delete(work));
      }
    },
    /** Downloads may run again (the channel started). */
    resume(): void {
      if (stopping.signal.aborted) stopping = new AbortController();
    },
    /** Stops the downloads under way (the channel stops). */
    abortDownloads(): void {
      stopping.abort();
    },
    /** Waits for the messages being handled. */
    async settle(): Promise<void> {
      await Promise.allSettled([...inFlight]);
    },
  };
}

export type WhatsappInbound = ReturnType<typeof createWhatsappInbound>;
