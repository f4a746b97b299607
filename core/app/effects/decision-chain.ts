// One event through the engine and back: decide, run the effects in order,
// and decide again on what they answer with (ticketCreated after createTicket,
// statusResult after lookupStatus, …), all inside the message's transaction.
import type {
  ConversationEvent,
  ConversationState,
  Decide,
} from "../../domain/conversation/index.ts";
import { type PendingReply, writeReplies } from "../../infra/stores/inbound-turn.store.ts";
import type { EffectContext } from "./effect-handler.ts";
import { runEffect } from "./effect-table.ts";

/** Follow-up events cannot loop forever. */
const MAX_CHAINED_EVENTS = 8;

export interface ChainOutcome {
  readonly state: ConversationState;
  /** Nothing but replies: the message is one its WhatsApp edit may take back. */
  readonly onlyReplies: boolean;
  readonly outboxIds: string[];
  /** Send-log ids of the replies, in order. */
  readonly replyIds: string[];
  readonly ticketNumber?: string;
  /** Every reply of the chain, in order (their outbox rows are known without reading them back). */
  readonly replies: readonly PendingReply[];
  /** The replies not written yet: they go in with the conversation's save. */
  readonly unwritten: PendingReply[];
}

export async function decideAndRun(
  decide: Decide,
  before: ConversationState,
  event: ConversationEvent,
  ctx: Omit<EffectContext, "at" | "replies">,
): Promise<ChainOutcome> {
  let state = before;
  let onlyReplies = true;
  let ticketNumber: string | undefined;
  const outboxIds: string[] = [];
  const replyIds: string[] = [];
  const queue: ConversationEvent[] = [event];
  const replies: PendingReply[] = [];
  const unwritten: PendingReply[] = [];
  for (let i = 0; i < MAX_CHAINED_EVENTS && queue.length > 0; i++) {
    const next = queue.shift() as ConversationEvent;
    const decision = decide(state, next);
    state = decision.state;
    for (const effect of decision.effects) {
      if (effect.type !== "reply") {
        onlyReplies = false;
        // Rows of other effects come after the replies decided before them.
        await writeReplies(ctx.tx, ctx.cipher, ctx.contact, unwritten.splice(0));
      }
      const from = unwritten.length;
      const result = await runEffect(effect, { ...ctx, at: next.at, replies: unwritten });
      replies.push(...unwritten.slice(from));
      if (result.outboxIds) outboxIds.push(...result.outboxIds);
      if (result.replyId !== undefined) replyIds.push(result.replyId);
      if (result.ticketNumber !== undefined) ticketNumber = result.ticketNumber;
      if (result.followUp) queue.push(result.followUp);
    }
  }
  return {
    state,
    onlyReplies,
    outboxIds,
    replyIds,
    replies,
    unwritten,
    ...(ticketNumber !== undefined ? { ticketNumber } : {}),
  };
}
