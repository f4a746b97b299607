import { createTicket as storeTicket } from "../../infra/stores/ticket.store.ts";
import type { EffectHandler } from "./effect-handler.ts";

/** Files the completed request; the engine hears its number with ticketCreated. */
export const createTicket: EffectHandler<"createTicket"> = async (
  effect,
  { tx, cipher, contact, at },
) => {
  // A draft naming files we no longer hold throws TicketDraftRejected:
  // the whole message rolls back rather than file a ticket without its KTP.
  const created = await storeTicket(tx, cipher, contact, effect.draft, new Date(at));
  return {
    outboxIds: [created.outboxId],
    ticketNumber: created.number,
    followUp: { type: "ticketCreated", at, ticketNumber: created.number },
  };
};
