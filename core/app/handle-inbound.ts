// The inbound pipeline every channel drives: claim the message once, load the
// conversation, let the pure engine decide, then commit the new state together
// with everything the decision caused (replies, a ticket, a complaint) in one
// transaction, and publish the resulting jobs.
import type { Logger } from "pino";
import {
  type InboundContent,
  type InboundMessage,
  inboundMessageSchema,
  MAX_INBOUND_TEXT,
  type OutboundBody,
} from "../contracts/messages.ts";
import {
  type ConversationEvent,
  type ConversationSettings,
  type ConversationState,
  type Decide,
  type Effect,
  initialState,
  nextTimeoutAt,
} from "../domain/conversation/index.ts";
import { sanitizeUserText } from "../domain/privacy/sanitize.ts";
import { assertNever } from "../domain/shared/assert-never.ts";
import { isComplaintNumber } from "../domain/shared/complaint-number.ts";
import type { Cipher } from "../infra/crypto.ts";
import type { Contact, PrismaClient } from "../infra/db.ts";
import { resolveContact, resolveContactWithConversation } from "../infra/stores/contact.store.ts";
import { saveConversation } from "../infra/stores/conversation.store.ts";
import {
  discardMedia,
  type StoredMediaResult,
  sealMediaCaption,
  storeMedia,
} from "../infra/stores/media.store.ts";
import { queueUserMessage } from "../infra/stores/outbound.store.ts";
import { publishOutbox, type QueueFor } from "../infra/stores/outbox.store.ts";
import { createTicket, findOwnTicket } from "../infra/stores/ticket.store.ts";
import type { Tx } from "../infra/stores/tx.ts";
import { recordArticleActivity } from "./article-activity.ts";
import { fileComplaint, findOwnComplaint } from "./complaints.ts";
import { recordRelay } from "./desk-relay.ts";
import { recordHandoff, recordHandoffLeft } from "./handoff.ts";
import { createInboundLine } from "./inbound-line.ts";
import { createKeyedMutex } from "./keyed-mutex.ts";
import { collectMyData, requestDeletion } from "./privacy.ts";
import { saveSurveyAnswers, skipSurveyResponse } from "./survey-answers.ts";

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
/** Follow-up events (ticketCreated after createTicket, …) cannot loop forever. */
const MAX_CHAINED_EVENTS = 8;

function toEvent(content: InboundContent, at: string): ConversationEvent {
  switch (content.type) {
    case "text":
      return { type: "text", at, text: sanitizeUserText(content.text, MAX_INBOUND_TEXT) };
    case "choice":
      return { type: "choice", at, optionId: content.optionId };
    case "media": {
      const caption = sanitizeUserText(content.caption ?? "", MAX_INBOUND_TEXT);
      return {
        type: "media",
        at,
        kind: content.kind,
        mime: content.mime,
        size: content.size,
        mediaId: content.mediaId,
        ...(content.refusal ? { refusal: content.refusal } : {}),
        ...(caption === "" ? {} : { caption }),
      };
    }
    case "contact":
      return { type: "contact", at, phone: content.phone };
    default:
      return assertNever(content, "inbound content");
  }
}

export function createInboundHandler(deps: InboundDeps) {
  const mutex = createKeyedMutex();
  const line = createInboundLine({
    ...deps,
    maxConcurrent: deps.maxConcurrent ?? DEFAULT_INBOUND_CONCURRENCY,
  });
  const log = deps.logger.child({ component: "inbound" });

  /** Runs one effect inside the transaction; returns the event it leads to, if any. */
  async function runEffect(
    tx: Tx,
    contact: Contact,
    effect: Effect,
    at: string,
    outboxIds: string[],
    summary: { replyIds: string[]; ticketNumber?: string },
  ): Promise<ConversationEvent | null> {
    switch (effect.type) {
      case "reply": {
        // The engine writes with the markup of core/content/markup.ts.
        const body: OutboundBody = {
          kind: "text",
          text: effect.text,
          markup: true,
          ...(effect.choices?.length
            ? { choices: effect.choices.map((c) => ({ id: c.id, label: c.label })) }
            : {}),
          ...(effect.requestContact ? { requestContact: true } : {}),
        };
        const queued = await queueUserMessage(tx, deps.cipher, contact, body);
        outboxIds.push(queued.outboxId);
        summary.replyIds.push(queued.messageId);
        return null;
      }
      case "createTicket": {
        // A draft naming files we no longer hold throws TicketDraftRejected:
        // the whole message rolls back rather than file a ticket without its KTP.
        const created = await createTicket(tx, deps.cipher, contact, effect.draft, new Date(at));
        outboxIds.push(created.outboxId);
        summary.ticketNumber = created.number;
        return { type: "ticketCreated", at, ticketNumber: created.number };
      }
      case "lookupStatus": {
        if (isComplaintNumber(effect.ticketNumber)) {
          const complaint = await findOwnComplaint(
            tx,
            deps.cipher,
            contact.id,
            effect.ticketNumber,
          );
          return {
            type: "complaintStatusResult",
            at,
            complaintNumber: effect.ticketNumber,
            status: complaint?.status ?? null,
            dueAt: complaint?.dueAt ? complaint.dueAt.toISOString() : null,
            outcome: complaint?.outcome ?? null,
          };
        }
        const ticket = await findOwnTicket(tx, contact.id, effect.ticketNumber);
        return {
          type: "statusResult",
          at,
          ticketNumber: effect.ticketNumber,
          status: ticket?.status ?? null,
          updatedAt: ticket ? ticket.updatedAt.toISOString() : null,
        };
      }
      case "fileComplaint": {
        const filed = await fileComplaint(tx, contact, {
          text: effect.text,
          language: effect.language,
          dueAt: effect.dueAt,
          at: new Date(at),
        });
        outboxIds.push(filed.outboxId);
        return { type: "complaintFiled", at, complaintNumber: filed.number, dueAt: effect.dueAt };
      }
      case "handOff": {
        outboxIds.push(...(await recordHandoff(tx, contact, effect)));
        return null;
      }
      case "leaveHandoff": {
        outboxIds.push(await recordHandoffLeft(tx, contact, effect));
        return null;
      }
      case "setLanguage": {
        await tx.contact.update({
          where: { id: contact.id },
          data: { language: effect.language === "en" ? "EN" : "ID" },
        });
        return null;
      }
      case "discardMedia": {
        await discardMedia(tx, contact.id, effect.mediaIds);
        return null;
      }
      case "showMyData": {
        const data = await collectMyData(tx, deps.cipher, contact, new Date(at));
        return { type: "myDataResult", at, data };
      }
      case "requestDeletion": {
        const requested = await requestDeletion(tx, contact, new Date(at));
        outboxIds.push(...requested.outboxIds);
        return {
          type: "deletionResult",
          at,
          outcome: requested.outcome,
          openTicketNumber: requested.openTicketNumber,
        };
      }
      case "relayToDesk": {
        const relayed = await recordRelay(tx, deps.cipher, contact, effect);
        if (relayed) outboxIds.push(relayed.outboxId);
        else log.warn({ contactId: contact.id }, "Relay names a file this contact does not hold");
        return null;
      }
      case "saveSurvey": {
        await saveSurveyAnswers(tx, {
          contactId: contact.id,
          ticketId: effect.ticketId,
          answers: effect.answers,
          comment: effect.comment,
          at: new Date(at),
        });
        return null;
      }
      case "skipSurvey": {
        await skipSurveyResponse(tx, {
          contactId: contact.id,
          ticketId: effect.ticketId,
          at: new Date(at),
        });
        return null;
      }
      case "articleActivity":
        await recordArticleActivity(tx, deps.cipher, contact, effect, at);
        return null;
      default:
        return assertNever(effect, "effect");
    }
  }

  /** One attempt: everything the event causes, in one transaction. */
  async function attempt(message: TurnMessage, turn: Turn) {
    return deps.prisma.$transaction(async (tx) => {
      if (message.dedupeKey !== null) {
        const claimed = await tx.processedMessage.createMany({
          data: [{ channel: message.channel, messageId: message.dedupeKey }],
          skipDuplicates: true,
        });
        if (claimed.count === 0) return { type: "duplicate" } as const;
      }
      const { contact, conversation: loaded } = await resolveContactWithConversation(
        tx,
        deps.cipher,
        message.channel,
        message.sender,
      );
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
      let state = before;
      let onlyReplies = true;

      const outboxIds: string[] = [];
      const summary: { replyIds: string[]; ticketNumber?: string } = { replyIds: [] };
      const queue: ConversationEvent[] = [event];
      for (let i = 0; i < MAX_CHAINED_EVENTS && queue.length > 0; i++) {
        const next = queue.shift() as ConversationEvent;
        const decision = deps.decide(state, next);
        state = decision.state;
        for (const effect of decision.effects) {
          if (effect.type !== "reply") onlyReplies = false;
          const followUp = await runEffect(tx, contact, effect, next.at, outboxIds, summary);
          if (followUp) queue.push(followUp);
        }
      }
      const wake = nextTimeoutAt(state, deps.settings);
      // Only a message that caused nothing but replies can be taken back by its edit.
      const inputId = prepared.inputId;
      const saved = await saveConversation(
        tx,
        deps.cipher,
        contact.id,
        { state, version: loaded.version },
        wake ? new Date(wake) : null,
        inputId !== undefined && onlyReplies ? { messageId: inputId, prior: before } : null,
      );
      if (!saved) throw new VersionConflict();
      return { type: "handled", contactId: contact.id, outboxIds, ...summary } as const;
    });
  }

  async function decideAndCommit(message: TurnMessage, turn: Turn): Promise<InboundOutcome> {
    const key = `${message.channel}:${message.sender.externalId}`;
    // A sender's own messages wait for each other first, so they never hold
    // a slot of the gate while waiting.
    return line.take(() =>
      mutex.run(key, () => line.gate.run(() => commitWithRetries(message, turn))),
    );
  }

  async function commitWithRetries(message: TurnMessage, turn: Turn): Promise<InboundOutcome> {
    for (let i = 1; ; i++) {
      try {
        const result = await attempt(message, turn);
        if (result.type !== "handled") return result;
        // Fast path: publish now; the outbox relay catches whatever this misses.
        await publishOutbox(deps.prisma, deps.queueFor, {
          ids: result.outboxIds,
          ...(deps.now ? { now: deps.now } : {}),
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
