import { recordRelay } from "../desk-relay.ts";
import { type EffectHandler, NO_RESULT } from "./effect-handler.ts";

/** Something the user sent that an agent must see. */
export const relayToDesk: EffectHandler<"relayToDesk"> = async (
  effect,
  { tx, cipher, contact, log },
) => {
  const relayed = await recordRelay(tx, cipher, contact, effect);
  if (relayed) return { outboxIds: [relayed.outboxId] };
  log.warn({ contactId: contact.id }, "Relay names a file this contact does not hold");
  return NO_RESULT;
};
