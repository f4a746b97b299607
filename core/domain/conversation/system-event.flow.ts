import {
  draftReminder,
  HANDOFF_ENDED,
  IDLE_HINT,
  paragraphs,
  statusFound,
  statusNotFound,
  TICKET_FAILED,
  TICKET_STATUS_TEXT,
  ticketCreated,
} from "../../content/index.ts";
import { formatWibDateTime } from "../shared/wib-time.ts";
import type { StatusResultEvent } from "./conversation-event.schema.ts";
import type { ConversationState } from "./conversation-state.schema.ts";
import { type Ctx, type Decision, decision, replyOf, textReply } from "./decision.ts";
import { isDraftBound, isReminderDue, isSessionExpired } from "./draft.lifecycle.ts";
import { expiryHours, promptFor } from "./prompt.renderer.ts";
import { show } from "./transitions.ts";

/** The scheduler's tick: one reminder for an idle draft, then silent expiry. */
export function onTimeout(state: ConversationState, ctx: Ctx): Decision {
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

export function onTicketCreated(
  state: ConversationState,
  ticketNumber: string,
  ctx: Ctx,
): Decision {
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
  state: ConversationState,
  event: StatusResultEvent,
  ctx: Ctx,
): Decision {
  if (state.mode.type === "withAgent") return decision(state);
  const result =
    event.status === null
      ? statusNotFound(event.ticketNumber)
      : statusFound(
          event.ticketNumber,
          TICKET_STATUS_TEXT[event.status].label,
          TICKET_STATUS_TEXT[event.status].explanation,
          event.updatedAt === null ? null : formatWibDateTime(event.updatedAt),
        );
  const { mode } = state;
  if (mode.type === "idle" || mode.type === "menu" || mode.type === "submitting") {
    return decision(state, textReply(state.language, paragraphs(result, IDLE_HINT)));
  }
  // The user looked up a ticket mid-question: answer, then pick the question up again.
  const current = promptFor(state, ctx);
  return decision(
    state,
    textReply(state.language, result),
    ...(current === null ? [] : [replyOf(state.language, current)]),
  );
}

export function onHandoffStarted(state: ConversationState, ctx: Ctx): Decision {
  if (state.mode.type === "withAgent") return decision(state);
  return decision({
    ...state,
    mode: { type: "withAgent", since: ctx.at, reason: "agentInitiated" },
  });
}

/** Back from the agent: a pending draft is offered again, otherwise a short goodbye. */
export function onHandoffEnded(state: ConversationState, ctx: Ctx): Decision {
  if (state.mode.type !== "withAgent") return decision(state);
  if (state.draft !== null) {
    return show(state, { type: "resumePrompt", failures: 0 }, ctx, [HANDOFF_ENDED]);
  }
  return decision({ ...state, mode: { type: "idle" } }, textReply(state.language, HANDOFF_ENDED));
}
