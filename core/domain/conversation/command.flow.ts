import {
  FLOW_CANCELLED,
  HELP_TEXT,
  LANGUAGE_CHANGED,
  type Language,
  NOTHING_TO_CANCEL,
} from "../../content/index.ts";
import { assertNever } from "../shared/assert-never.ts";
import type { ConversationState } from "./conversation-state.schema.ts";
import { type Ctx, type Decision, decision } from "./decision.ts";
import { isDraftBound } from "./draft.lifecycle.ts";
import type { GlobalCommand } from "./global-command.parser.ts";
import { handOff } from "./handoff.start.ts";
import { lastStep } from "./intake.checklist.ts";
import { advance, backFromIntake } from "./intake.flow.ts";
import { askDeletion, keepData } from "./privacy.flow.ts";
import { backFromArticles } from "./self-service.flow.ts";
import { backInSurvey, skipSurvey } from "./survey.flow.ts";
import { cancelRequest, lookUpStatus, repeat, show, showMenu } from "./transitions.ts";

function cancel(state: ConversationState, ctx: Ctx): Decision {
  const { mode } = state;
  switch (mode.type) {
    case "idle":
    case "menu":
      // The menu mentions an unfinished draft; "batal" there means that draft.
      return state.draft === null
        ? showMenu(state, [NOTHING_TO_CANCEL])
        : show(state, { type: "confirmCancel", returnTo: { type: "menu", failures: 0 } }, ctx);
    case "intake":
    case "summary":
    case "editPick":
    case "resumePrompt":
      return state.draft === null
        ? showMenu(state, [FLOW_CANCELLED])
        : show(state, { type: "confirmCancel", returnTo: mode }, ctx);
    case "statusAsk":
    case "complaintAsk":
      return showMenu(state, [FLOW_CANCELLED]);
    case "articleOffer":
    case "articleShown":
      return mode.resumeTo !== null && state.draft !== null
        ? show(state, { type: "confirmCancel", returnTo: mode }, ctx)
        : showMenu(state, [FLOW_CANCELLED]);
    case "confirmCancel":
      return cancelRequest(state);
    case "humanOffer":
      return isDraftBound(mode.returnTo) && state.draft !== null
        ? show(state, { type: "confirmCancel", returnTo: mode.returnTo }, ctx)
        : showMenu(state, [FLOW_CANCELLED]);
    case "submitting":
      return repeat(state, ctx);
    case "withAgent":
      return decision(state);
    case "deleteConfirm":
      return keepData(state, mode.returnTo, ctx);
    case "survey":
      // "batal" in the survey declines it.
      return skipSurvey(state, mode);
    default:
      return assertNever(mode, "mode");
  }
}

function back(state: ConversationState, ctx: Ctx): Decision {
  const { mode, draft } = state;
  switch (mode.type) {
    case "idle":
    case "menu":
    case "statusAsk":
    case "complaintAsk":
    case "resumePrompt":
      return showMenu(state);
    case "intake":
      return backFromIntake(state, mode, ctx);
    case "summary": {
      const step = draft === null ? null : lastStep(draft, ctx.settings);
      return step === null
        ? showMenu(state)
        : show(state, { type: "intake", step, failures: 0, editing: false }, ctx);
    }
    case "editPick":
      return draft === null ? showMenu(state) : advance(state, draft, ctx);
    case "articleOffer":
    case "articleShown":
      return backFromArticles(state, mode, ctx);
    case "confirmCancel":
    case "humanOffer":
      return show(state, mode.returnTo, ctx);
    case "submitting":
      return repeat(state, ctx);
    case "withAgent":
      return decision(state);
    case "deleteConfirm":
      return keepData(state, mode.returnTo, ctx);
    case "survey":
      return backInSurvey(state, mode, ctx);
    default:
      return assertNever(mode, "mode");
  }
}

/**
 * Switches language and asks the current question again in it; `welcomeBack`
 * turns that question into "continue or start over?".
 */
export function switchLanguage(
  state: ConversationState,
  target: Language | "toggle",
  ctx: Ctx,
  welcomeBack: boolean,
): Decision {
  const language: Language = target === "toggle" ? (state.language === "id" ? "en" : "id") : target;
  const switched = { ...state, language };
  const mode = welcomeBack ? { type: "resumePrompt" as const, failures: 0 } : state.mode;
  return show(switched, mode, ctx, [LANGUAGE_CHANGED], { type: "setLanguage", language });
}

export function runCommand(state: ConversationState, command: GlobalCommand, ctx: Ctx): Decision {
  switch (command.type) {
    case "menu":
      return showMenu(state, [], state.mode.type === "idle");
    case "cancel":
      return cancel(state, ctx);
    case "back":
      return back(state, ctx);
    case "help":
      return repeat(state, ctx, [HELP_TEXT]);
    case "agent":
      return handOff(
        state,
        state.mode.type === "humanOffer" ? "repeatedFailures" : "userRequest",
        ctx,
      );
    case "status":
      return command.ticketNumber === null
        ? show(state, { type: "statusAsk", failures: 0 }, ctx)
        : lookUpStatus(state, command.ticketNumber);
    case "language":
      return switchLanguage(state, command.target, ctx, false);
    case "myData":
      return decision(state, { type: "showMyData" });
    case "deleteData":
      return state.mode.type === "deleteConfirm" ? repeat(state, ctx) : askDeletion(state, ctx);
    default:
      return assertNever(command, "command");
  }
}
