import { collectMyData, requestDeletion as fileDeletionRequest } from "../privacy.ts";
import type { EffectHandler } from "./effect-handler.ts";

/** "data saya": what is held about the contact, answered with myDataResult. */
export const showMyData: EffectHandler<"showMyData"> = async (
  _effect,
  { tx, cipher, contact, at },
) => {
  const data = await collectMyData(tx, cipher, contact, new Date(at));
  return { followUp: { type: "myDataResult", at, data } };
};

/** "hapus data saya", confirmed: a request for a supervisor, answered with deletionResult. */
export const requestDeletion: EffectHandler<"requestDeletion"> = async (
  _effect,
  { tx, contact, at },
) => {
  const requested = await fileDeletionRequest(tx, contact, new Date(at));
  return {
    outboxIds: requested.outboxIds,
    followUp: {
      type: "deletionResult",
      at,
      outcome: requested.outcome,
      openTicketNumber: requested.openTicketNumber,
    },
  };
};
