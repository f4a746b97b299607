import {
  type AnswerWhen,
  handoffStarted,
  noAgentHere,
  spokenDateTime,
  spokenTime,
} from "../../content/index.ts";
import { localDate } from "../sla/business-calendar.ts";
import type { ConversationState, HandoffReason } from "./conversation-state.schema.ts";
import { type Ctx, type Decision, decision, textReply } from "./decision.ts";
import { answerExpectation } from "./office-hours.ts";
import { describeMode, repeat, showMenu } from "./transitions.ts";

/**
 * When an agent can be expected for a hand-off that began at `since`, as
 * seen at the event's time: the next opening when the office is closed, the
 * end of the helpdesk stage's service time (in working minutes) otherwise.
 */
export function answerWhen(since: string, ctx: Ctx): AnswerWhen {
  const { calendar, handoffAnswerMinutes } = ctx.settings;
  const now = answerExpectation(ctx.at, calendar, handoffAnswerMinutes);
  const due = answerExpectation(since, calendar, handoffAnswerMinutes).answerBy;
  const sameDay = localDate(new Date(due), calendar) === localDate(new Date(ctx.at), calendar);
  return {
    openNow: now.openNow,
    opensAt: spokenDateTime(now.opensAt),
    answerBy: sameDay ? spokenTime(due) : spokenDateTime(due),
    late: ctx.atMs >= Date.parse(due),
    minutes: handoffAnswerMinutes,
  };
}

/** The service time's end for a hand-off beginning now: when to check that someone answered. */
export function answerDeadline(ctx: Ctx): string {
  const { calendar, handoffAnswerMinutes } = ctx.settings;
  return answerExpectation(ctx.at, calendar, handoffAnswerMinutes).answerBy;
}

/**
 * Where no agent can take the chat, the user hears how to reach the office
 * and stays where they were: nothing promises a person who will not come.
 */
function officeInstead(state: ConversationState, ctx: Ctx): Decision {
  const text = noAgentHere(ctx.settings.officeEmail, ctx.settings.openingHours);
  const { mode } = state;
  if (mode.type === "idle" || mode.type === "menu" || mode.type === "humanOffer") {
    return showMenu(state, [text]);
  }
  if (mode.type === "withAgent" || mode.type === "submitting") {
    return decision(state, textReply(state.language, text));
  }
  return repeat(state, ctx, [text]);
}

/**
 * Passes the chat to a human: the agents are told (with when to check that
 * one answered), the user hears who answers when and how to leave.
 */
export function handOff(state: ConversationState, reason: HandoffReason, ctx: Ctx): Decision {
  if (!ctx.settings.agentDesk) return officeInstead(state, ctx);
  const next: ConversationState = {
    ...state,
    mode: { type: "withAgent", since: ctx.at, reason, receiptAt: null },
  };
  return decision(
    next,
    {
      type: "handOff",
      reason,
      context: describeMode(state.mode),
      since: ctx.at,
      answerBy: answerDeadline(ctx),
    },
    textReply(state.language, handoffStarted(answerWhen(ctx.at, ctx), ctx.settings.openingHours)),
  );
}
