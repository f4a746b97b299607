import {
  draftReminder,
  HANDOFF_ENDED,
  spokenDateTime,
  statusFound,
  statusNotFound,
  TICKET_FAILED,
  TICKET_STATUS_TEXT,
  type TicketStatus,
  ticketCreated,
} from "../../content/index.ts";
import { aside } from "./aside.ts";
import type { StatusResultEvent, TicketStatusChangedEvent } from "./conversation-event.schema.ts";
import type { ConversationState } from "./conversation-state.schema.ts";
import { type Ctx, type Decision, decision, textReply } from "./decision.ts";
import { isDraftBound, isReminderDue, isSessionExpired } from "./draft.lifecycle.ts";
import { expiryHours } from "./prompt.renderer.ts";
import { offerablePendingSurvey, startSurvey } from "./survey.flow.ts";
import { isSurveyLapsed } from "./survey.prompt.ts";
import { show } from "./transitions.ts";

/** A survey nobody answered, or one still waiting to be offered, lapses without a word. */
function dropLapsedSurveys(state: ConversationState, ctx: Ctx): ConversationState {
  let next = state;
  if (next.mode.type === "survey" && isSurveyLapsed(next.mode.askedAt, ctx)) {
    next = { ...next, mode: { type: "idle" } };
  }
  if (next.pendingSurvey !== null && isSurveyLapsed(next.pendingSurvey.at, ctx)) {
    next = { ...next, pendingSurvey: null };
  }
  return next;
}

/** The scheduler's tick: one reminder for an idle draft, then silent expiry; lapsed surveys go. */
export function onTimeout(input: ConversationState, ctx: Ctx): Decision {
  const state = dropLapsedSurveys(input, ctx);
  const { draft, mode } = state;
  if (draft === null || mode.type === "submitting") return decision(state);
  if (isSessionExpired(state, ctx)) {
    // Told on the user's next message rather than pushed unasked a day later.
    return decision({
      ...state,
      draft: null,
      mode: isDraftBound(mode) ? { type: "idle" } : mode,
      pendingNotice: "draftExpired",
    });
  }
  if (isReminderDue(state, ctx)) {
    return decision(
      { ...state, draft: { ...draft, reminderSentAt: ctx.at } },
      textReply(state.language, draftReminder(expiryHours(ctx))),
    );
  }
  return decision(state);
}

/** Statuses after which nothing more happens on a ticket, so nothing is relayed to it. */
export const FINAL_TICKET_STATUSES: ReadonlySet<TicketStatus> = new Set<TicketStatus>([
  "SELESAI",
  "DITUTUP",
  "DITOLAK",
  "DIBATALKAN",
]);

/** Keeps `openTicket` on the contact's latest ticket that is still being worked on. */
function trackTicket(
  state: ConversationState,
  ticketNumber: string,
  status: TicketStatus,
): ConversationState {
  if (FINAL_TICKET_STATUSES.has(status)) {
    return state.openTicket?.number === ticketNumber ? { ...state, openTicket: null } : state;
  }
  return { ...state, openTicket: { number: ticketNumber, status } };
}

/** Silent: the workflow already told the user; the engine only learns where the ticket is. */
export function onTicketStatusChanged(
  state: ConversationState,
  event: TicketStatusChangedEvent,
): Decision {
  return decision(trackTicket(state, event.ticketNumber, event.status));
}

export function onTicketCreated(
  input: ConversationState,
  ticketNumber: string,
  ctx: Ctx,
): Decision {
  const state = trackTicket(input, ticketNumber, "BARU");
  const name = state.draft?.name ?? null;
  if (state.mode.type !== "submitting") {
    // A late result (e.g. an agent took over meanwhile): the draft is done, say nothing.
    return decision({ ...state, draft: null });
  }
  return decision(
    { ...state, draft: null, mode: { type: "idle" } },
    textReply(state.language, ticketCreated(ticketNumber, name, ctx.settings.openingHours)),
  );
}

export function onTicketFailed(state: ConversationState, ctx: Ctx): Decision {
  if (state.mode.type !== "submitting" || state.draft === null) return decision(state);
  return show(state, { type: "summary", failures: 0 }, ctx, [TICKET_FAILED]);
}

export function onStatusResult(
  input: ConversationState,
  event: StatusResultEvent,
  ctx: Ctx,
): Decision {
  const state =
    event.status === null ? input : trackTicket(input, event.ticketNumber, event.status);
  const result =
    event.status === null
      ? statusNotFound(event.ticketNumber)
      : statusFound(
          event.ticketNumber,
          TICKET_STATUS_TEXT[event.status].label,
          TICKET_STATUS_TEXT[event.status].explanation,
          event.updatedAt === null ? null : spokenDateTime(event.updatedAt),
        );
  // Mid-question the answer comes first, then the question again.
  return aside(state, result, ctx);
}

export function onHandoffStarted(state: ConversationState, ctx: Ctx): Decision {
  if (state.mode.type === "withAgent") return decision(state);
  return decision({
    ...state,
    // The agent wrote first: nothing to acknowledge until a silence.
    mode: { type: "withAgent", since: ctx.at, reason: "agentInitiated", receiptAt: ctx.at },
  });
}

/**
 * Back from the agent: a pending draft is offered again; otherwise a survey
 * that came in meanwhile (the agent resolved the ticket), or a short goodbye.
 */
export function onHandoffEnded(state: ConversationState, ctx: Ctx): Decision {
  if (state.mode.type !== "withAgent") return decision(state);
  if (state.draft !== null) {
    return show(state, { type: "resumePrompt", failures: 0 }, ctx, [HANDOFF_ENDED]);
  }
  const survey = offerablePendingSurvey(state, ctx);
  if (survey !== null) {
    return startSurvey({ ...state, mode: { type: "idle" } }, survey, ctx, [HANDOFF_ENDED]);
  }
  return decision({ ...state, mode: { type: "idle" } }, textReply(state.language, HANDOFF_ENDED));
}
