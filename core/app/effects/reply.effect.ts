import type { OutboundBody } from "../../contracts/messages.ts";
import { queueUserMessage } from "../../infra/stores/outbound.store.ts";
import type { EffectHandler } from "./effect-handler.ts";

/** A message to the user, through the outbound queue of its channel. */
export const reply: EffectHandler<"reply"> = async (effect, { tx, cipher, contact }) => {
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
  const queued = await queueUserMessage(tx, cipher, contact, body);
  return { outboxIds: [queued.outboxId], replyId: queued.messageId };
};
