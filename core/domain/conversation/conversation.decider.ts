import { draftExpired, FILE_NOT_KEPT_ON_RESUME, type Localized } from "../../content/index.ts";
import { assertNever } from "../shared/assert-never.ts";
import { onEditNotRead, onMediaWithdrawn } from "./amendment.flow.ts";
import { type ArticleFinder, NO_ARTICLES } from "./article-finder.port.ts";
import { captionInPlaceOfFile, isFileStep } from "./caption.flow.ts";
import { matchOption } from "./choice.matcher.ts";
import { runCommand, switchLanguage } from "./command.flow.ts";
import { onComplaintFiled, onComplaintStatusResult } from "./complaint.flow.ts";
import {
  type ConversationSettings,
  type ConversationSettingsInput,
  conversationSettingsSchema,
} from "./conversation.settings.ts";
import type { ConversationEvent, UserEvent } from "./conversation-event.schema.ts";
import type { ConversationState } from "./conversation-state.schema.ts";
import { type Ctx, type Decision, textReply } from "./decision.ts";
import {
  canWelcomeBack,
  isReturningToDraft,
  isSessionExpired,
  releasedMedia,
  touch,
} from "./draft.lifecycle.ts";
import { parseGlobalCommand } from "./global-command.parser.ts";
import { answerWithAgent, onHandoffCheck } from "./handoff.flow.ts";
import { menuOptions } from "./options.catalog.ts";
import { answerConfirmCancel, answerHumanOffer } from "./overlay.flow.ts";
import { answerDeleteConfirm, onDeletionResult, onMyDataResult } from "./privacy.flow.ts";
import { expiryHours } from "./prompt.renderer.ts";
import { answerQuestion } from "./question.flow.ts";
import { relayAtRest, relayedMediaIds } from "./relay.flow.ts";
import { offerOutsideFlow } from "./self-service.flow.ts";
import { answerSurvey, offerablePendingSurvey, onSurveyStart, startSurvey } from "./survey.flow.ts";
import { isSurveyLapsed } from "./survey.prompt.ts";
import {
  onHandoffEnded,
  onHandoffStarted,
  onStatusResult,
  onTicketCreated,
  onTicketFailed,
  onTicketStatusChanged,
  onTimeout,
} from "./system-event.flow.ts";
import { lookUpStatus, repeat, show, showMenu } from "./transitions.ts";
import { classifyMedia } from "./validators/media.classifier.ts";
import { unsupportedMedia } from "./validators/unsupported-media.ts";

export type Decide = (state: ConversationState, event: ConversationEvent) => Decision;

/** Parses and completes the settings; throws on a bad configuration (start-up only). */
export function resolveConversationSettings(
  input: ConversationSettingsInput,
): ConversationSettings {
  return conversationSettingsSchema.parse(input);
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
      return answerHumanOffer(state, mode.returnTo, event, ctx);
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

function onUserEvent(state: ConversationState, event: UserEvent, ctx: Ctx): Decision {
  // The agent has the chat: messages go to the desk (handoff.flow.ts says when the bot speaks).
  if (state.mode.type === "withAgent") return answerWithAgent(state, event, ctx);

  const notices: Localized[] = [];
  let current = state;
  if (current.pendingNotice === "draftExpired") {
    notices.push(draftExpired(expiryHours(ctx)));
    current = { ...current, pendingNotice: null };
  }
  if (current.mode.type === "survey") {
    // A survey is started by the system, long after the user last wrote: its
    // own clock runs from the question, and a lapsed one goes without a word.
    if (isSurveyLapsed(current.mode.askedAt, ctx)) current = { ...current, mode: { type: "idle" } };
  } else if (current.mode.type !== "submitting" && isSessionExpired(current, ctx)) {
    if (current.draft !== null) notices.push(draftExpired(expiryHours(ctx)));
    current = { ...current, draft: null, mode: { type: "idle" } };
  }

  const captioned = captionInPlaceOfFile(current, event, ctx);
  if (captioned.notice !== null) notices.push(captioned.notice);
  const result = dispatch(current, captioned.event, ctx);
  const effects =
    notices.length > 0
      ? [textReply(result.state.language, ...notices), ...result.effects]
      : result.effects;
  return { state: touch(result.state, ctx.at), effects };
}

function dispatch(state: ConversationState, event: UserEvent, ctx: Ctx): Decision {
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

function route(state: ConversationState, event: ConversationEvent, ctx: Ctx): Decision {
  switch (event.type) {
    case "text":
    case "choice":
    case "media":
    case "contact":
      return onUserEvent(state, event, ctx);
    case "timeout":
      return onTimeout(state, ctx);
    case "ticketCreated":
      return onTicketCreated(state, event.ticketNumber, ctx);
    case "ticketFailed":
      return onTicketFailed(state, ctx);
    case "statusResult":
      return onStatusResult(state, event, ctx);
    case "handoffStarted":
      return onHandoffStarted(state, ctx);
    case "handoffEnded":
      return onHandoffEnded(state, ctx);
    case "handoffCheck":
      return onHandoffCheck(state, event, ctx);
    case "complaintFiled":
      return onComplaintFiled(state, event.complaintNumber, event.dueAt, ctx);
    case "complaintStatusResult":
      return onComplaintStatusResult(state, event, ctx);
    case "ticketStatusChanged":
      return onTicketStatusChanged(state, event);
    case "surveyStart":
      return onSurveyStart(state, event, ctx);
    case "myDataResult":
      return onMyDataResult(state, event.data, ctx);
    case "deletionResult":
      return onDeletionResult(state, event, ctx);
    case "editNotRead":
      return onEditNotRead(state);
    case "mediaWithdrawn":
      return onMediaWithdrawn(state, event, ctx);
    default:
      return assertNever(event, "event");
  }
}

/**
 * The conversation engine: a pure function from (state, event) to the next
 * state and the effects the app layer must run. No I/O, no clock: time comes
 * in on each event.
 */
export function createDecider(
  input: ConversationSettingsInput | ConversationSettings,
  ports: { readonly articles?: ArticleFinder } = {},
): Decide {
  const settings = resolveConversationSettings(input);
  const articles = ports.articles ?? NO_ARTICLES;
  return (state, event) => {
    const ctx: Ctx = { settings, at: event.at, atMs: Date.parse(event.at), articles };
    const result = route(state, event, ctx);
    const relayed = new Set(relayedMediaIds(result.effects));
    const released = releasedMedia(state, result.state, event, ctx).filter(
      (id) => !relayed.has(id),
    );
    if (released.length === 0) return result;
    return {
      state: result.state,
      effects: [...result.effects, { type: "discardMedia", mediaIds: released }],
    };
  };
}
