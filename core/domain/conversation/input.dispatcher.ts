// The one place that says what a user's input means in the current state: a
// command, an answer to the open question, or a message for an overlay. The
// flows below it never call each other through it; a flow that finds the input
// belongs elsewhere returns a Delegation (delegation.ts) and this file runs it.
import { FILE_NOT_KEPT_ON_RESUME } from "../../content/index.ts";
import { assertNever } from "../shared/assert-never.ts";
import { isFileStep } from "./caption.flow.ts";
import { matchOption } from "./choice.matcher.ts";
import { runCommand, switchLanguage } from "./command.flow.ts";
import type { UserEvent } from "./conversation-event.schema.ts";
import type { ConversationState, QuestionMode } from "./conversation-state.schema.ts";
import type { Ctx, Decision } from "./decision.ts";
import type { FlowOutcome } from "./delegation.ts";
import { canWelcomeBack, isReturningToDraft } from "./draft.lifecycle.ts";
import { parseGlobalCommand } from "./global-command.parser.ts";
import { answerIntake, answerResume } from "./intake.flow.ts";
import { menuOptions } from "./options.catalog.ts";
import { answerConfirmCancel, answerHumanOffer } from "./overlay.flow.ts";
import { answerDeleteConfirm } from "./privacy.flow.ts";
import { relayAtRest } from "./relay.flow.ts";
import { answerArticleOffer, answerArticleShown, offerOutsideFlow } from "./self-service.flow.ts";
import { answerComplaint, answerMenu, answerStatusAsk } from "./service.flow.ts";
import { answerEditPick, answerSummary } from "./summary.flow.ts";
import { answerSurvey, offerablePendingSurvey, startSurvey } from "./survey.flow.ts";
import { lookUpStatus, repeat, show, showMenu } from "./transitions.ts";
import { classifyMedia } from "./validators/media.classifier.ts";
import { unsupportedMedia } from "./validators/unsupported-media.ts";

/** Runs what a flow delegated to another: a command, or an answer to the question underneath. */
function settle(outcome: FlowOutcome, event: UserEvent, ctx: Ctx): Decision {
  if (!("delegate" in outcome)) return outcome;
  return outcome.delegate === "command"
    ? runCommand(outcome.state, outcome.command, ctx)
    : answerQuestion(outcome.state, outcome.mode, event, ctx);
}

/** Routes an answer to the question `mode` asks (which may differ from state.mode under an overlay). */
function answerQuestion(
  state: ConversationState,
  mode: QuestionMode,
  event: UserEvent,
  ctx: Ctx,
): Decision {
  switch (mode.type) {
    case "menu":
      return settle(answerMenu(state, mode, event, ctx), event, ctx);
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

/** What the current mode does with a user message that is not a command. */
function answerCurrent(state: ConversationState, event: UserEvent, ctx: Ctx): Decision {
  const { mode } = state;
  switch (mode.type) {
    case "idle": {
      // At rest with a ticket open, a free message is for its agents.
      const relayed = relayAtRest(state, event, ctx);
      if (relayed !== null) return relayed;
      const survey = state.draft === null ? offerablePendingSurvey(state, ctx) : null;
      if (survey !== null) return startSurvey(state, survey, ctx);
      const unsupported =
        event.type === "media" &&
        classifyMedia(event, ctx.settings.maxUploadBytes).type === "unsupported";
      const menu = () =>
        showMenu(
          state,
          unsupported && event.type === "media" ? [unsupportedMedia(event.kind, false)] : [],
          true,
        );
      return offerOutsideFlow(state, event, ctx, menu);
    }
    case "menu": {
      // With a ticket open, what picks no service is a message for its agents.
      const picksNothing = matchOption(menuOptions(), event).type === "none";
      const relayed = picksNothing ? relayAtRest(state, event, ctx) : null;
      if (relayed !== null) return relayed;
      const answer = () => answerQuestion(state, mode, event, ctx);
      return picksNothing ? offerOutsideFlow(state, event, ctx, answer) : answer();
    }
    case "intake":
    case "summary":
    case "editPick":
    case "statusAsk":
    case "complaintAsk":
    case "resumePrompt":
    case "articleOffer":
    case "articleShown":
      return answerQuestion(state, mode, event, ctx);
    case "confirmCancel":
      return answerConfirmCancel(state, mode.returnTo, event, ctx);
    case "humanOffer":
      return settle(answerHumanOffer(state, mode.returnTo, event, ctx), event, ctx);
    case "deleteConfirm":
      return answerDeleteConfirm(state, mode.returnTo, event, ctx);
    case "survey":
      return answerSurvey(state, mode, event, ctx);
    case "submitting":
      return repeat(state, ctx);
    case "withAgent":
      return { state, effects: [] };
    default:
      return assertNever(mode, "mode");
  }
}

/** Commands first (those that keep the user's place even before "welcome back"), then answers. */
export function dispatchInput(state: ConversationState, event: UserEvent, ctx: Ctx): Decision {
  const command = event.type === "text" ? parseGlobalCommand(event.text) : null;
  if (state.mode.type === "submitting") {
    // Nothing may change a request being filed; a human is the way out if it hangs.
    return command?.type === "agent" ? runCommand(state, command, ctx) : repeat(state, ctx);
  }
  const welcomeBack = isReturningToDraft(state, ctx) && canWelcomeBack(state.mode);

  // These never lose the user's place, so they need no "welcome back" first.
  if (command?.type === "agent") return runCommand(state, command, ctx);
  if (command?.type === "status" && command.ticketNumber !== null) {
    return lookUpStatus(state, command.ticketNumber);
  }
  if (command?.type === "myData") return runCommand(state, command, ctx);
  if (command?.type === "language") return switchLanguage(state, command.target, ctx, welcomeBack);

  if (welcomeBack) {
    // Sending the very file the open question asks for is carrying on: it is
    // taken, no need to ask first. Any other file is not kept, and the user hears so.
    if (event.type === "media" && isFileStep(state.mode)) return answerCurrent(state, event, ctx);
    const before = event.type === "media" ? [FILE_NOT_KEPT_ON_RESUME] : [];
    return show(state, { type: "resumePrompt", failures: 0 }, ctx, before);
  }
  if (command !== null) return runCommand(state, command, ctx);
  return answerCurrent(state, event, ctx);
}
