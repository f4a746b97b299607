import { isComplaintNumber } from "../../domain/shared/complaint-number.ts";
import { findOwnTicket } from "../../infra/stores/ticket.store.ts";
import { findOwnComplaint } from "../complaints.ts";
import type { EffectHandler } from "./effect-handler.ts";

/** "status LDK-…" or "status ADU-…": only the contact's own ticket or complaint is found. */
export const lookupStatus: EffectHandler<"lookupStatus"> = async (
  effect,
  { tx, cipher, contact, at },
) => {
  if (isComplaintNumber(effect.ticketNumber)) {
    const complaint = await findOwnComplaint(tx, cipher, contact.id, effect.ticketNumber);
    return {
      followUp: {
        type: "complaintStatusResult",
        at,
        complaintNumber: effect.ticketNumber,
        status: complaint?.status ?? null,
        dueAt: complaint?.dueAt ? complaint.dueAt.toISOString() : null,
        outcome: complaint?.outcome ?? null,
      },
    };
  }
  const ticket = await findOwnTicket(tx, contact.id, effect.ticketNumber);
  return {
    followUp: {
      type: "statusResult",
      at,
      ticketNumber: effect.ticketNumber,
      status: ticket?.status ?? null,
      updatedAt: ticket ? ticket.updatedAt.toISOString() : null,
    },
  };
};
