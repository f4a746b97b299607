import { discardMedia as dropMedia } from "../../infra/stores/media.store.ts";
import { type EffectHandler, NO_RESULT } from "./effect-handler.ts";

/** Files no draft refers to any more. */
export const discardMedia: EffectHandler<"discardMedia"> = async (effect, { tx, contact }) => {
  await dropMedia(tx, contact.id, effect.mediaIds);
  return NO_RESULT;
};
