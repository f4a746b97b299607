// The shape of one entry in the effect table (effect-table.ts): what the app
// does, inside the message's transaction, with one effect the conversation
// engine returned.
import type { Logger } from "pino";
import type { ConversationEvent, Effect } from "../../domain/conversation/index.ts";
import type { Cipher } from "../../infra/crypto.ts";
import type { Contact } from "../../infra/db.ts";
import type { PendingReply } from "../../infra/stores/inbound-turn.store.ts";
import type { Tx } from "../../infra/stores/tx.ts";

export interface EffectContext {
  readonly tx: Tx;
  readonly cipher: Cipher;
  readonly contact: Contact;
  /** When the event that caused the effect happened (ISO). */
  readonly at: string;
  readonly log: Logger;
  /**
   * Replies decided and not yet written: the reply effect adds to it, and the
   * rows go in with the conversation's save (or before the next effect that
   * writes rows of its own, so the send-log keeps the order of decision).
   */
  readonly replies: PendingReply[];
}

/** What running one effect produced; an effect that only writes returns NO_RESULT. */
export interface EffectResult {
  /** Outbox rows written in the transaction: published once it commits. */
  readonly outboxIds?: readonly string[];
  /** The event the effect answers with (ticketCreated after createTicket, …): decided next. */
  readonly followUp?: ConversationEvent;
  /** Send-log id of a reply queued for the user (a channel may wait for it). */
  readonly replyId?: string;
  readonly ticketNumber?: string;
}

export const NO_RESULT: EffectResult = {};

export type EffectOf<T extends Effect["type"]> = Extract<Effect, { type: T }>;

export type EffectHandler<T extends Effect["type"]> = (
  effect: EffectOf<T>,
  ctx: EffectContext,
) => Promise<EffectResult>;

/** Exactly one handler per effect type: a missing entry does not compile. */
export type EffectHandlers = { readonly [T in Effect["type"]]: EffectHandler<T> };
