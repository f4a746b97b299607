import { assertNever } from "../shared/assert-never.ts";
import type { UserEvent } from "./conversation-event.schema.ts";
import type { ConversationState, QuestionMode } from "./conversation-state.schema.ts";
import type { Ctx, Decision } from "./decision.ts";
import { answerIntake, answerResume } from "./intake.flow.ts";
import { answerArticleOffer, answerArticleShown } from "./self-service.flow.ts";
import { answerComplaint, answerMenu, answerStatusAsk } from "./service.flow.ts";
import { answerEditPick, answerSummary } from "./summary.flow.ts";

/** Routes an answer to the question `mode` asks (which may differ from state.mode under an overlay). */
export function answerQuestion(
  state: ConversationState,
  mode: QuestionMode,
  event: UserEvent,
  ctx: Ctx,
): Decision {
  switch (mode.type) {
    case "menu":
      return answerMenu(state, mode, event, ctx);
    case "intake":
      return answerIntake(state, mode, event, ctx);
    case "summary":
      return answerSummary(state, mode, event, ctx);
    case "editPick":
      return answerEditPick(state, mode, event, ctx);
    case "statusAsk":
      return answerStatusAsk(state, mode, event, ctx);
    case "complaintAsk":
      return answerComplaint(state, mode, event, ctx);
    case "resumePrompt":
      return answerResume(state, mode, event, ctx);
    case "articleOffer":
      return answerArticleOffer(state, mode, event, ctx);
    case "articleShown":
      return answerArticleShown(state, mode, event, ctx);
    default:
      return assertNever(mode, "question mode");
  }
}
