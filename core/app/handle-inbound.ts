// The inbound pipeline every channel drives: claim the message once, load the
// conversation, let the pure engine decide, then commit the new state together
// with everything the decision caused (replies, a ticket, a complaint) in one
// transaction (inbound-attempt.ts), and publish the resulting jobs.
import type { Logger } from "pino";
import { type InboundMessage, inboundMessageSchema } from "../contracts/messages.ts";
import type {
  ConversationEvent,
  ConversationSettings,
  Decide,
} from "../domain/conversation/index.ts";
import type { Cipher } from "../infra/crypto.ts";
import type { PrismaClient } from "../infra/db.ts";
import { resolveContact } from "../infra/stores/contact.store.ts";
import { type StoredMediaResult, storeMedia } from "../infra/stores/media.store.ts";
import { publishCommitted, type QueueFor } from "../infra/stores/outbox.store.ts";
import { createTurnAttempt, VersionConflict } from "./inbound-attempt.ts";
import { toEvent } from "./inbound-event.ts";
import { createInboundLine } from "./inbound-line.ts";
import type { BusyThresholds } from "./inbound-pressure.ts";
import type { InboundOutcome, MediaAdmission, Turn, TurnMessage } from "./inbound-turn.ts";
import { createKeyedMutex } from "./keyed-mutex.ts";

export interface InboundDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  decide: Decide;
  settings: ConversationSettings;
  queueFor: QueueFor;
  logger: Logger;
  /**
   * Messages decided and committed at once (INBOUND_CONCURRENCY); the rest
   * wait in order. Kept below the database pool so a burst never makes a
   * transaction time out waiting for a connection.
   */
  maxConcurrent?: number;
  /** The clock delayed jobs (the hand-off's answer check) are due on; the system clock without. */
  now?: () => Date;
  /** User messages that may wait for their turn (INBOUND_QUEUE_MAX; see inbound-line.ts). */
  maxQueued?: number;
  /** When a waiting sender hears "sedang ramai, sudah kami terima" (INBOUND_BUSY_NOTICE_*). */
  busy?: BusyThresholds;
}

const MAX_ATTEMPTS = 5;
/** Below the PostgreSQL pool of 10, leaving connections to the senders and workers. */
export const DEFAULT_INBOUND_CONCURRENCY = 6;

export function createInboundHandler(deps: InboundDeps) {
  const mutex = createKeyedMutex();
  const line = createInboundLine({
    ...deps,
    maxConcurrent: deps.maxConcurrent ?? DEFAULT_INBOUND_CONCURRENCY,
  });
  const log = deps.logger.child({ component: "inbound" });

  const attempt = createTurnAttempt(deps, log);

  async function decideAndCommit(
    message: TurnMessage,
    turn: Turn,
    /** A busy notice to this sender: queued before the message's own replies. */
    notice?: Promise<unknown> | null,
  ): Promise<InboundOutcome> {
    const key = `${message.channel}:${message.sender.externalId}`;
    // A sender's own messages wait for each other first, so they never hold
    // a slot of the gate while waiting.
    return line.take(() =>
      mutex.run(key, async () => {
        if (notice) await notice;
        return line.gate.run(() => commitWithRetries(message, turn));
      }),
    );
  }

  async function commitWithRetries(message: TurnMessage, turn: Turn): Promise<InboundOutcome> {
    for (let i = 1; ; i++) {
      try {
        const result = await attempt(message, turn);
        if (result.type !== "handled") return result;
        // Fast path: publish now; the outbox relay catches whatever this misses.
        await publishCommitted(deps.prisma, deps.queueFor, {
          rows: result.replyRows,
          ids: result.outboxIds,
          now: deps.now ?? (() => new Date()),
        }).catch((err) => log.warn({ err }, "Fast publish failed; the outbox relay will retry"));
        return {
          type: "handled",
          contactId: result.contactId,
          replyIds: result.replyIds,
          ...(result.ticketNumber ? { ticketNumber: result.ticketNumber } : {}),
        };
      } catch (err) {
        // Another process saved this conversation between our read and write:
        // decide again on the fresh state (the dedupe claim rolled back too).
        if (err instanceof VersionConflict && i < MAX_ATTEMPTS) continue;
        throw err;
      }
    }
  }

  return {
    /** Messages being decided now, and waiting at the gate (a burst's backlog). */
    backlog(): { active: number; waiting: number } {
      return { active: line.gate.active, waiting: line.gate.waiting };
    },
    /** Parses, claims and handles one message from a channel. */
    async handle(raw: unknown): Promise<InboundOutcome> {
      const parsed = inboundMessageSchema.safeParse(raw);
      if (!parsed.success) return { type: "invalid", problems: parsed.error.message };
      const message = parsed.data;
      if (line.full()) return { type: "busy", replyIds: await line.turnAway(message) };
      return decideAndCommit(
        { channel: message.channel, sender: message.sender, dedupeKey: message.messageId },
        {
          event: toEvent(message.content, new Date(message.at).toISOString()),
          ...(message.content.type === "text" ? { inputId: message.messageId } : {}),
        },
        line.acknowledge(message),
      );
    },
    /**
     * A message about an earlier one (a WhatsApp edit or deletion), claimed
     * under its own id; `prepare` works out in the transaction what it means.
     */
    async amend(
      message: Pick<InboundMessage, "channel" | "sender" | "messageId">,
      prepare: NonNullable<Turn["prepare"]>,
      fallback: ConversationEvent,
    ): Promise<InboundOutcome> {
      return decideAndCommit(
        { channel: message.channel, sender: message.sender, dedupeKey: message.messageId },
        { event: fallback, prepare },
      );
    },
    /**
     * Asked before a file is downloaded: a blocked sender's files are never
     * fetched. (The flood guard adds the rate limit in front.)
     */
    async admitMedia(input: Pick<InboundMessage, "channel" | "sender">): Promise<MediaAdmission> {
      // The message would be turned away anyway: its file is not fetched either.
      if (line.full()) return { ok: false, reason: "BUSY" };
      const contact = await resolveContact(deps.prisma, deps.cipher, input.channel, input.sender);
      return contact.blocked ? { ok: false, reason: "BLOCKED" } : { ok: true };
    },
    /**
     * Checks and stores a file a user sent, before the message that carries
     * it is handled: the message then holds only the media id.
     */
    async storeMedia(
      input: Pick<InboundMessage, "channel" | "sender"> & {
        bytes: Uint8Array;
        /** The message that brought it, so that its deletion for everyone finds the file. */
        sourceMessageId?: string;
      },
    ): Promise<StoredMediaResult> {
      const contact = await resolveContact(deps.prisma, deps.cipher, input.channel, input.sender);
      return storeMedia(deps.prisma, deps.cipher, {
        contactId: contact.id,
        bytes: input.bytes,
        maxBytes: deps.settings.maxUploadBytes,
        ...(input.sourceMessageId ? { sourceMessageId: input.sourceMessageId } : {}),
      });
    },
    /** Delivers a scheduler or agent event to a conversation (no user message behind it). */
    async deliver(
      contact: Pick<InboundMessage, "channel" | "sender">,
      event: ConversationEvent,
      dedupeKey: string | null,
    ): Promise<InboundOutcome> {
      return decideAndCommit({ ...contact, dedupeKey }, { event });
    },
  };
}

export type InboundHandler = ReturnType<typeof createInboundHandler>;
