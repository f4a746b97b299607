import type { ConversationSettings } from "./conversation.settings.ts";
import type { ConversationEvent } from "./conversation-event.schema.ts";
import type { ConversationState, Mode } from "./conversation-state.schema.ts";
import type { Ctx } from "./decision.ts";
import { draftMediaIds } from "./intake.checklist.ts";
import { buildTicketDraft } from "./ticket-draft.builder.ts";

/**
 * Reminders, expiry and "welcome back" for drafts. All clocks run from the
 * user's last message, so a user who keeps chatting keeps the draft alive.
 */

function idleMs(state: ConversationState, ctx: Ctx): number | null {
  if (state.lastUserEventAt === null) return null;
  return ctx.atMs - Date.parse(state.lastUserEventAt);
}

/** Silent for the whole expiry period: the draft goes, and so does any half-asked question. */
export function isSessionExpired(state: ConversationState, ctx: Ctx): boolean {
  const idle = idleMs(state, ctx);
  return idle !== null && idle >= ctx.settings.draftExpiryAfterMs;
}

/** A draft whose owner has been away long enough to be asked "continue or start over?". */
export function isReturningToDraft(state: ConversationState, ctx: Ctx): boolean {
  if (state.draft === null) return false;
  if (state.draft.reminderSentAt !== null) return true;
  const idle = idleMs(state, ctx);
  return idle !== null && idle >= ctx.settings.draftReminderAfterMs;
}

export function isReminderDue(state: ConversationState, ctx: Ctx): boolean {
  if (state.draft === null || state.draft.reminderSentAt !== null) return false;
  if (state.mode.type === "withAgent" || state.mode.type === "submitting") return false;
  const idle = idleMs(state, ctx);
  return idle !== null && idle >= ctx.settings.draftReminderAfterMs;
}

/** Modes that only make sense while the draft exists. */
export function isDraftBound(mode: Mode): boolean {
  switch (mode.type) {
    case "intake":
    case "summary":
    case "editPick":
    case "resumePrompt":
    case "confirmCancel":
      return true;
    case "humanOffer":
      return isDraftBound(mode.returnTo);
    case "articleOffer":
    case "articleShown":
      return mode.resumeTo !== null;
    default:
      return false;
  }
}

/** Where a returning user with a draft is asked to continue or start over instead of answering. */
export function canWelcomeBack(mode: Mode): boolean {
  switch (mode.type) {
    case "idle":
    case "menu":
    case "intake":
    case "summary":
    case "editPick":
    case "confirmCancel":
    case "humanOffer":
    case "articleOffer":
    case "articleShown":
      return true;
    default:
      return false;
  }
}

/** Records the user's activity; a later silence earns a fresh reminder. */
export function touch(state: ConversationState, at: string): ConversationState {
  return {
    ...state,
    lastUserEventAt: at,
    draft: state.draft === null ? null : { ...state.draft, reminderSentAt: null },
  };
}

function draftTimeoutMs(state: ConversationState, settings: ConversationSettings): number | null {
  if (state.draft === null || state.lastUserEventAt === null) return null;
  if (state.mode.type === "submitting") return null;
  const last = Date.parse(state.lastUserEventAt);
  const remind = state.mode.type !== "withAgent" && state.draft.reminderSentAt === null;
  const delay = remind ? settings.draftReminderAfterMs : settings.draftExpiryAfterMs;
  return last + delay;
}

/**
 * When the scheduler should send the next timeout tick for this conversation,
 * or null when nothing is pending: a draft's reminder or expiry, or the lapse
 * of an unanswered (or not yet offered) survey.
 */
export function nextTimeoutAt(
  state: ConversationState,
  settings: ConversationSettings,
): string | null {
  const due = [
    draftTimeoutMs(state, settings),
    state.mode.type === "survey"
      ? Date.parse(state.mode.askedAt) + settings.draftExpiryAfterMs
      : null,
    state.pendingSurvey === null
      ? null
      : Date.parse(state.pendingSurvey.at) + settings.draftExpiryAfterMs,
  ].filter((ms): ms is number => ms !== null && Number.isFinite(ms));
  return due.length === 0 ? null : new Date(Math.min(...due)).toISOString();
}

/**
 * Stored files nobody references any more: the previous draft's files that the
 * new draft dropped, plus a file sent in this event that was not kept. Files
 * handed over with a created ticket belong to the ticket; files sent while an
 * agent has the chat belong to that conversation.
 */
export function releasedMedia(
  before: ConversationState,
  after: ConversationState,
  event: ConversationEvent,
  ctx: Ctx,
): string[] {
  const kept = new Set(draftMediaIds(after.draft));
  if (event.type === "ticketCreated" && before.draft !== null) {
    const ticket = buildTicketDraft(before.draft, ctx.settings, before.language);
    if (ticket.ok) for (const attachment of ticket.value.attachments) kept.add(attachment.mediaId);
    else for (const id of draftMediaIds(before.draft)) kept.add(id);
  }
  const candidates = draftMediaIds(before.draft);
  if (event.type === "media" && event.mediaId !== null && before.mode.type !== "withAgent") {
    candidates.push(event.mediaId);
  }
  return [...new Set(candidates.filter((id) => !kept.has(id)))];
}
