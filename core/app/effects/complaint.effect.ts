import { fileComplaint as storeComplaint } from "../complaints.ts";
import type { EffectHandler } from "./effect-handler.ts";

/** A complaint about the service; the engine hears its number with complaintFiled. */
export const fileComplaint: EffectHandler<"fileComplaint"> = async (
  effect,
  { tx, contact, at },
) => {
  const filed = await storeComplaint(tx, contact, {
    text: effect.text,
    language: effect.language,
    dueAt: effect.dueAt,
    at: new Date(at),
  });
  return {
    outboxIds: [filed.outboxId],
    followUp: { type: "complaintFiled", at, complaintNumber: filed.number, dueAt: effect.dueAt },
  };
};
