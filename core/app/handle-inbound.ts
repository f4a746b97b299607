// The inbound pipeline every channel drives: claim the message once, load the
// conversation, let the pure engine decide, then commit the new state together
// with everything the decision caused (replies, a ticket, a complaint) in one
// transaction, and publish the resulting jobs.
import type { Logger } from "pino";
import { type InboundMessage, inboundMessageSchema } from "../contracts/messages.ts";
import {
  type ConversationEvent,
  type ConversationSettings,
  type ConversationState,
  type Decide,
  initialState,
  nextTimeoutAt,
} from "../domain/conversation/index.ts";
import type { Cipher } from "../infra/crypto.ts";
import type { Contact, PrismaClient } from "../infra/db.ts";
import { resolveContact } from "../infra/stores/contact.store.ts";
import { claimAndLoad, replyOutboxRows, saveTurn } from "../infra/stores/inbound-turn.store.ts";
import {
  type StoredMediaResult,
  sealMediaCaption,
  storeMedia,
} from "../infra/stores/media.store.ts";
import { publishCommitted, type QueueFor } from "../infra/stores/outbox.store.ts";
import type { Tx } from "../infra/stores/tx.ts";
import { decideAndRun } from "./effects/decision-chain.ts";
import { toEvent } from "./inbound-event.ts";
import { createInboundLine } from "./inbound-line.ts";
import type { BusyThresholds } from "./inbound-pressure.ts";
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

export type InboundOutcome =
  | {
      type: "handled";
      contactId: string;
      /** Send-log ids of the replies, in order (a channel may wait for them). */
      replyIds: string[];
      ticketNumber?: string;
    }
  | { type: "duplicate" }
  /** Nothing to decide (a deletion of a message that brought no file). */
  | { type: "unchanged"; contactId: string }
  | { type: "blocked"; contactId: string }
  | { type: "invalid"; problems: string }
  /** Refused by the flood guard (core/app/flood-guard.ts); replyIds holds its notice, if one was due. */
  | { type: "limited"; replyIds: string[] }
  /** Not taken: the line of waiting messages is full; replyIds holds the "busy" notice, if one was due. */
  | { type: "busy"; replyIds: string[] };

/** Whether a file a sender sent may be fetched at all: asked before any download. */
export type MediaAdmission =
  | { ok: true }
  | { ok: false; reason: "BLOCKED" | "RATE_LIMITED" | "BUSY" };

class VersionConflict extends Error {}

/** What one transaction decides. */
export interface Turn {
  event: ConversationEvent;
  /** A user's text: kept revertible, so that its WhatsApp edit can replace it as input. */
  inputId?: string;
  /**
   * Runs in the transaction once the contact is known, before the engine
   * decides: may start from an earlier state (an edit), change the event, or
   * return null when there is nothing to decide.
   */
  prepare?: (tx: Tx, contact: Contact) => Promise<PreparedTurn | null>;
}

export interface PreparedTurn {
  event: ConversationEvent;
  /** Decide from this state instead of the stored one (the state before an edited message). */
  base?: ConversationState;
  inputId?: string;
}

type TurnMessage = Pick<InboundMessage, "channel" | "sender"> & { dedupeKey: string | null };

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

  /** One attempt: everything the event causes, in one transaction. */
  async function attempt(message: TurnMessage, turn: Turn) {
    return deps.prisma.$transaction(async (tx) => {
      // Claim and read in one statement (the hot path: see inbound-turn.store.ts).
      const claimed = await claimAndLoad(
        tx,
        deps.cipher,
        message.channel,
        message.sender,
        message.dedupeKey,
      );
      if (claimed.duplicate) return { type: "duplicate" } as const;
      const { contact, conversation: loaded } = claimed;
      if (contact.blocked) return { type: "blocked", contactId: contact.id } as const;
      const prepared: PreparedTurn | null = turn.prepare
        ? await turn.prepare(tx, contact)
        : { event: turn.event, ...(turn.inputId !== undefined ? { inputId: turn.inputId } : {}) };
      if (prepared === null) return { type: "unchanged", contactId: contact.id } as const;
      const { event } = prepared;

      // The caption is kept with the file before the engine decides where the file goes.
      if (event.type === "media" && event.mediaId !== null && event.caption !== undefined) {
        await sealMediaCaption(tx, deps.cipher, contact.id, event.mediaId, event.caption);
      }
      if (loaded.unreadable)
        log.warn({ contactId: contact.id }, "Stored conversation state unreadable; starting over");
      const before: ConversationState =
        prepared.base ??
        loaded.state ??
        initialState({
          channel: message.channel,
          language: contact.language === "EN" ? "en" : "id",
          // Only WhatsApp vouches for the sender's number.
          channelPhone: message.channel === "WHATSAPP" ? (message.sender.phone ?? null) : null,
        });
      const chain = await decideAndRun(deps.decide, before, event, {
        tx,
        cipher: deps.cipher,
        contact,
        log,
      });
      const wake = nextTimeoutAt(chain.state, deps.settings);
      // Only a message that caused nothing but replies can be taken back by its edit.
      const inputId = prepared.inputId;
      // The state, and the replies not written yet, in one statement.
      const saved = await saveTurn(tx, deps.cipher, contact, {
        stored: { state: chain.state, version: loaded.version },
        wakeAt: wake ? new Date(wake) : null,
        input:
          inputId !== undefined && chain.onlyReplies ? { messageId: inputId, prior: before } : null,
        replies: chain.unwritten,
      });
      if (!saved) throw new VersionConflict();
      const { outboxIds, replyIds, ticketNumber } = chain;
      const replyRows = replyOutboxRows(contact, chain.replies);
      return {
        type: "handled",
        contactId: contact.id,
        outboxIds,
        replyRows,
        replyIds,
        ticketNumber,
      } as const;
    });
  }

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
