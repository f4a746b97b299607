import { type EffectHandler, NO_RESULT } from "./effect-handler.ts";

/** The contact's language, for what reaches them outside a conversation (status updates). */
export const setLanguage: EffectHandler<"setLanguage"> = async (effect, { tx, contact }) => {
  await tx.contact.update({
    where: { id: contact.id },
    data: { language: effect.language === "en" ? "EN" : "ID" },
  });
  return NO_RESULT;
};
