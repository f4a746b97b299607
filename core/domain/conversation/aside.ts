import { IDLE_HINT, type Localized, paragraphs } from "../../content/index.ts";
import type { ConversationState } from "./conversation-state.schema.ts";
import { type Ctx, type Decision, decision, replyOf, textReply } from "./decision.ts";
import { promptFor } from "./prompt.renderer.ts";

/**
 * An answer that does not move the user (a status look-up, "data saya"):
 * at rest it ends with the menu hint; mid-question the question follows again.
 */
export function aside(state: ConversationState, text: Localized, ctx: Ctx): Decision {
  const { mode } = state;
  if (mode.type === "withAgent") return decision(state, textReply(state.language, text));
  if (mode.type === "idle" || mode.type === "menu" || mode.type === "submitting") {
    return decision(state, textReply(state.language, paragraphs(text, IDLE_HINT)));
  }
  const current = promptFor(state, ctx);
  return decision(
    state,
    textReply(state.language, text),
    ...(current === null ? [] : [replyOf(state.language, current)]),
  );
}
