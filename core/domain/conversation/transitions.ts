import { type Localized, paragraphs, REQUEST_CANCELLED } from "../../content/index.ts";
import { assertNever } from "../shared/assert-never.ts";
import type { Effect } from "./conversation-effect.types.ts";
import type { ConversationState, Mode, QuestionMode } from "./conversation-state.schema.ts";
import { type Ctx, type Decision, decision, prompt, replyOf, textReply } from "./decision.ts";
import { humanOfferPrompt, menuPrompt, promptForMode } from "./prompt.renderer.ts";

/** Moves to `mode` and asks its question, after any `before` paragraphs. */
export function show(
  state: ConversationState,
  mode: Mode,
  ctx: Ctx,
  before: readonly Localized[] = [],
  ...extra: readonly Effect[]
): Decision {
  if (mode.type === "idle") {
    const menu = showMenu(state, before, true);
    return decision(menu.state, ...extra, ...menu.effects);
  }
  const next = { ...state, mode };
  const question = promptForMode(mode, next, ctx);
  if (question === null) {
    return decision(
      next,
      ...extra,
      ...(before.length > 0 ? [textReply(state.language, ...before)] : []),
    );
  }
  return decision(next, ...extra, replyOf(state.language, question, before));
}

/** The main menu; `firstContact` greets, otherwise it is just "Main menu". */
export function showMenu(
  state: ConversationState,
  before: readonly Localized[] = [],
  firstContact = false,
): Decision {
  const next: ConversationState = { ...state, mode: { type: "menu", failures: 0 } };
  return decision(next, replyOf(state.language, menuPrompt(next, firstContact), before));
}

/** Drops the draft (its files are released by the decider) and says so. */
export function cancelRequest(state: ConversationState): Decision {
  return decision(
    { ...state, draft: null, mode: { type: "idle" } },
    textReply(state.language, REQUEST_CANCELLED),
  );
}

/** Asks the current question again, e.g. after help, a stale button or "wait". */
export function repeat(
  state: ConversationState,
  ctx: Ctx,
  before: readonly Localized[] = [],
): Decision {
  return show(state, state.mode, ctx, before);
}

/**
 * Counts a failed answer. The correction keeps the question's options on
 * screen; on the last allowed failure a human is offered instead.
 */
export function reject(
  state: ConversationState,
  mode: QuestionMode,
  error: Localized,
  ctx: Ctx,
  repeatQuestion = false,
): Decision {
  const failures = mode.failures + 1;
  if (failures >= ctx.settings.maxFailedTries) {
    const next: ConversationState = {
      ...state,
      mode: { type: "humanOffer", returnTo: { ...mode, failures: 0 } },
    };
    const offer = humanOfferPrompt(ctx);
    return decision(
      next,
      replyOf(state.language, prompt(paragraphs(error, offer.text), offer.options)),
    );
  }
  const next: ConversationState = { ...state, mode: { ...mode, failures } };
  const question = promptForMode(next.mode, next, ctx);
  if (question === null) return decision(next, textReply(state.language, error));
  const body = repeatQuestion ? question : prompt(error, question.options, question.requestContact);
  return decision(next, replyOf(state.language, body, repeatQuestion ? [error] : []));
}

/** A short label of where the user is, passed to agents with a hand-off. */
export function describeMode(mode: Mode): string {
  switch (mode.type) {
    case "intake":
      return `intake:${mode.step}`;
    case "confirmCancel":
    case "humanOffer":
      return `${mode.type}>${describeMode(mode.returnTo)}`;
    case "idle":
    case "menu":
    case "summary":
    case "editPick":
    case "statusAsk":
    case "complaintAsk":
    case "resumePrompt":
    case "articleOffer":
    case "articleShown":
    case "submitting":
    case "withAgent":
    case "deleteConfirm":
    case "survey":
      return mode.type;
    default:
      return assertNever(mode, "mode");
  }
}

/** Status look-ups leave the user where they were, except the "which ticket?" question. */
export function lookUpStatus(state: ConversationState, ticketNumber: string): Decision {
  const next: ConversationState =
    state.mode.type === "statusAsk" ? { ...state, mode: { type: "idle" } } : state;
  return decision(next, { type: "lookupStatus", ticketNumber });
}
