import type { OutboundBody } from "../../contracts/messages.ts";
import { pendingReply } from "../../infra/stores/inbound-turn.store.ts";
import type { EffectHandler } from "./effect-handler.ts";

/**
 * A message to the user, through the outbound queue of its channel: its
 * send-log and outbox rows are written with the conversation's state.
 */
export const reply: EffectHandler<"reply"> = async (effect, { replies }) => {
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
  const queued = pendingReply(body);
  replies.push(queued);
  return { outboxIds: [queued.outboxId], replyId: queued.messageId };
};
