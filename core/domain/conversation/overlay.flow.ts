import { INVALID_CHOICE, STALE_CHOICE } from "../../content/index.ts";
import { matchOption } from "./choice.matcher.ts";
import type { UserEvent } from "./conversation-event.schema.ts";
import type { ConversationState, QuestionMode } from "./conversation-state.schema.ts";
import type { Ctx, Decision } from "./decision.ts";
import type { FlowOutcome } from "./delegation.ts";
import { handOff } from "./handoff.start.ts";
import { cancelOptions, humanOfferOptions } from "./options.catalog.ts";
import { cancelRequest, repeat, show, showMenu } from "./transitions.ts";

export function answerConfirmCancel(
  state: ConversationState,
  returnTo: QuestionMode,
  event: UserEvent,
  ctx: Ctx,
): Decision {
  const match = matchOption(cancelOptions(), event);
  if (match.type === "stale") return repeat(state, ctx, [STALE_CHOICE]);
  // A yes/no question: no failure count, just ask again.
  if (match.type === "none") return repeat(state, ctx, [INVALID_CHOICE]);
  return match.option.id === "cancel.yes" ? cancelRequest(state) : show(state, returnTo, ctx);
}

/**
 * After repeated failures: the offer's own options, or else the message is
 * tried as an answer to the original question, so a user who got it right
 * this time simply continues.
 */
export function answerHumanOffer(
  state: ConversationState,
  returnTo: QuestionMode,
  event: UserEvent,
  ctx: Ctx,
): FlowOutcome {
  // Strict matching: a description that happens to contain "coba lagi" is an answer.
  const match = matchOption(humanOfferOptions(), event, { loose: false });
  if (match.type !== "matched") return { delegate: "answer", state, mode: returnTo };
  switch (match.option.id) {
    case "offer.agent":
      return handOff(state, "repeatedFailures", ctx);
    case "offer.retry":
      return show(state, returnTo, ctx);
    default:
      return showMenu(state);
  }
}
