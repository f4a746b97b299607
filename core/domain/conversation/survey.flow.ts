import {
  INVALID_CHOICE,
  STALE_CHOICE,
  SURVEY_ANSWER_HINT,
  SURVEY_CLOSED,
  SURVEY_COMMENT_EXPECTS_TEXT,
  SURVEY_COMMENT_MAX_CHARS,
  SURVEY_SKIPPED,
  SURVEY_THANKS,
  surveyIntro,
} from "../../content/index.ts";
import { matchOption } from "./choice.matcher.ts";
import type { SurveyStartEvent, UserEvent } from "./conversation-event.schema.ts";
import {
  type ConversationState,
  SURVEY_ELEMENT_COUNT,
  type SurveyMode,
} from "./conversation-state.schema.ts";
import { type Ctx, type Decision, decision, textReply } from "./decision.ts";
import {
  SURVEY_SKIP_ID,
  surveyAnswerId,
  surveyCommentOptions,
  surveyOptions,
  surveySkipOption,
} from "./options.catalog.ts";
import { isSurveyLapsed } from "./survey.prompt.ts";
import { repeat, show, showMenu } from "./transitions.ts";

/**
 * The satisfaction survey after a resolved ticket: nine elements answered
 * 1-4 (button, number or label), an optional comment, skippable at any
 * point. It never interrupts a request being filled in or an agent: it waits
 * in `pendingSurvey` and is offered once the user is free.
 */

/** Free for a survey: nothing asked, no draft waiting. */
export function isFreeForSurvey(state: ConversationState): boolean {
  return state.draft === null && (state.mode.type === "idle" || state.mode.type === "menu");
}

export function startSurvey(
  state: ConversationState,
  ticket: { ticketId: string; ticketNumber: string },
  ctx: Ctx,
  before: Parameters<typeof show>[3] = [],
): Decision {
  const mode: SurveyMode = {
    type: "survey",
    ticketId: ticket.ticketId,
    ticketNumber: ticket.ticketNumber,
    question: 0,
    answers: [],
    askedAt: ctx.at,
    failures: 0,
  };
  return show({ ...state, pendingSurvey: null }, mode, ctx, [
    ...before,
    surveyIntro(ticket.ticketNumber, SURVEY_ELEMENT_COUNT),
  ]);
}

export function onSurveyStart(
  state: ConversationState,
  event: SurveyStartEvent,
  ctx: Ctx,
): Decision {
  const { mode } = state;
  // A redelivered start of the survey already under way.
  if (mode.type === "survey" && mode.ticketId === event.ticketId) return decision(state);
  if (isFreeForSurvey(state)) return startSurvey(state, event, ctx);
  return decision({
    ...state,
    pendingSurvey: { ticketId: event.ticketId, ticketNumber: event.ticketNumber, at: ctx.at },
  });
}

/** The pending survey, if it may still be offered now. */
export function offerablePendingSurvey(state: ConversationState, ctx: Ctx) {
  const pending = state.pendingSurvey;
  if (pending === null || isSurveyLapsed(pending.at, ctx)) return null;
  return pending;
}

export function skipSurvey(state: ConversationState, mode: SurveyMode): Decision {
  return decision(
    { ...state, mode: { type: "idle" } },
    { type: "skipSurvey", ticketId: mode.ticketId },
    textReply(state.language, SURVEY_SKIPPED),
  );
}

/** "kembali": the previous element, its answer taken back. */
export function backInSurvey(state: ConversationState, mode: SurveyMode, ctx: Ctx): Decision {
  if (mode.question === 0) return repeat(state, ctx);
  const previous = Math.min(mode.question, SURVEY_ELEMENT_COUNT) - 1;
  return show(
    state,
    {
      ...mode,
      question: previous,
      answers: mode.answers.slice(0, previous),
      askedAt: ctx.at,
      failures: 0,
    },
    ctx,
  );
}

function record(state: ConversationState, mode: SurveyMode, value: number, ctx: Ctx): Decision {
  const answers = [...mode.answers.slice(0, mode.question), value];
  return show(
    state,
    { ...mode, question: mode.question + 1, answers, askedAt: ctx.at, failures: 0 },
    ctx,
  );
}

function finish(state: ConversationState, mode: SurveyMode, comment: string | null): Decision {
  return decision(
    { ...state, mode: { type: "idle" } },
    { type: "saveSurvey", ticketId: mode.ticketId, answers: mode.answers, comment },
    textReply(state.language, SURVEY_THANKS),
  );
}

/** A wrong answer: the hint and the question again; after a few, the survey is put away. */
function notUnderstood(state: ConversationState, mode: SurveyMode, ctx: Ctx): Decision {
  const failures = mode.failures + 1;
  if (failures >= ctx.settings.maxFailedTries) {
    // The user is clearly after something else; the row stays DITANYAKAN.
    return showMenu({ ...state, mode: { type: "idle" } }, [SURVEY_CLOSED]);
  }
  return repeat({ ...state, mode: { ...mode, failures } }, ctx, [SURVEY_ANSWER_HINT]);
}

const TYPED_SCORE = /^\s*([1-4])\s*[.)]?\s*$/u;

function answerElement(
  state: ConversationState,
  mode: SurveyMode,
  event: UserEvent,
  ctx: Ctx,
): Decision {
  if (event.type === "text") {
    const typed = TYPED_SCORE.exec(event.text)?.[1];
    if (typed !== undefined) return record(state, mode, Number(typed), ctx);
    // "5" would pick the fifth option (skip) by number: a score out of range is no answer.
    if (/^\s*\d+\s*$/u.test(event.text)) return notUnderstood(state, mode, ctx);
  }
  const match = matchOption(surveyOptions(mode.question), event, { loose: false });
  if (match.type === "stale") return repeat(state, ctx, [STALE_CHOICE]);
  if (match.type === "none") return notUnderstood(state, mode, ctx);
  if (match.option.id === SURVEY_SKIP_ID) return skipSurvey(state, mode);
  for (let value = 1; value <= 4; value++) {
    if (match.option.id === surveyAnswerId(value)) return record(state, mode, value, ctx);
  }
  return notUnderstood(state, mode, ctx);
}

function answerComment(
  state: ConversationState,
  mode: SurveyMode,
  event: UserEvent,
  ctx: Ctx,
): Decision {
  const match = matchOption(surveyCommentOptions(), event, { loose: false });
  if (match.type === "matched") return finish(state, mode, null);
  if (event.type === "choice") {
    // "skip" pressed on the last element's message: the answers are all in, keep them.
    if (event.optionId === SURVEY_SKIP_ID) return finish(state, mode, null);
    return repeat(state, ctx, [STALE_CHOICE]);
  }
  if (event.type !== "text") return repeat(state, ctx, [SURVEY_COMMENT_EXPECTS_TEXT]);
  const skip = matchOption([surveySkipOption()], event, { loose: false });
  if (skip.type === "matched") return finish(state, mode, null);
  const comment = event.text.trim().slice(0, SURVEY_COMMENT_MAX_CHARS).trim();
  if (comment === "") return repeat(state, ctx, [INVALID_CHOICE]);
  return finish(state, mode, comment);
}

export function answerSurvey(
  state: ConversationState,
  mode: SurveyMode,
  event: UserEvent,
  ctx: Ctx,
): Decision {
  return mode.question >= SURVEY_ELEMENT_COUNT
    ? answerComment(state, mode, event, ctx)
    : answerElement(state, mode, event, ctx);
}
