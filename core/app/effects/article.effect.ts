import { recordArticleActivity } from "../article-activity.ts";
import { type EffectHandler, NO_RESULT } from "./effect-handler.ts";

/** Help-article statistics, kept without personal data. */
export const articleActivity: EffectHandler<"articleActivity"> = async (
  effect,
  { tx, cipher, contact, at },
) => {
  await recordArticleActivity(tx, cipher, contact, effect, at);
  return NO_RESULT;
};
