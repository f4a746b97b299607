import { draftExpired, type Localized } from "../../content/index.ts";
import { assertNever } from "../shared/assert-never.ts";
import { onEditNotRead, onMediaWithdrawn } from "./amendment.flow.ts";
import { type ArticleFinder, NO_ARTICLES } from "./article-finder.port.ts";
import { captionInPlaceOfFile } from "./caption.flow.ts";
import { onComplaintFiled, onComplaintStatusResult } from "./complaint.flow.ts";
import {
  type ConversationSettings,
  type ConversationSettingsInput,
  conversationSettingsSchema,
} from "./conversation.settings.ts";
import type { ConversationEvent, UserEvent } from "./conversation-event.schema.ts";
import type { ConversationState } from "./conversation-state.schema.ts";
import { type Ctx, type Decision, textReply } from "./decision.ts";
import { isSessionExpired, releasedMedia, touch } from "./draft.lifecycle.ts";
import { answerWithAgent, onHandoffCheck } from "./handoff.flow.ts";
import { dispatchInput } from "./input.dispatcher.ts";
import { onDeletionResult, onMyDataResult } from "./privacy.flow.ts";
import { expiryHours } from "./prompt.renderer.ts";
import { relayedMediaIds } from "./relay.flow.ts";
import { onSurveyStart } from "./survey.flow.ts";
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

export type Decide = (state: ConversationState, event: ConversationEvent) => Decision;

/** Parses and completes the settings; throws on a bad configuration (start-up only). */
export function resolveConversationSettings(
  input: ConversationSettingsInput,
): ConversationSettings {
  return conversationSettingsSchema.parse(input);
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
  const result = dispatchInput(current, captioned.event, ctx);
  const effects =
    notices.length > 0
      ? [textReply(result.state.language, ...notices), ...result.effects]
      : result.effects;
  return { state: touch(result.state, ctx.at), effects };
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
