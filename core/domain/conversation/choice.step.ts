import { STALE_CHOICE } from "../../content/index.ts";
import { matchOption, type Option } from "./choice.matcher.ts";
import type { UserEvent } from "./conversation-event.schema.ts";
import type { ConversationState, QuestionMode } from "./conversation-state.schema.ts";
import type { Ctx, Decision } from "./decision.ts";
import { notAChoice } from "./step-outcome.ts";
import { reject, repeat } from "./transitions.ts";

/**
 * The option a user picked for a question with choices, or the answer to a
 * press on an old button (ask again) or an unknown reply (a failed try).
 */
export function chooseFrom(
  state: ConversationState,
  mode: QuestionMode,
  options: readonly Option[],
  event: UserEvent,
  ctx: Ctx,
): { option: Option } | { decision: Decision } {
  const match = matchOption(options, event);
  if (match.type === "stale") return { decision: repeat({ ...state, mode }, ctx, [STALE_CHOICE]) };
  if (match.type === "none") return { decision: reject(state, mode, notAChoice(event, ctx), ctx) };
  return { option: match.option };
}
