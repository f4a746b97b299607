import {
  CONSENT_REFUSED,
  DRAFT_DISCARDED,
  type Localized,
  RESTARTED,
  RESUMING,
  STALE_CHOICE,
} from "../../content/index.ts";
import { assertNever } from "../shared/assert-never.ts";
import { chooseFrom } from "./choice.step.ts";
import type { UserEvent } from "./conversation-event.schema.ts";
import {
  type ConversationState,
  type Draft,
  emptyDraft,
  type IntakeMode,
  type QuestionMode,
} from "./conversation-state.schema.ts";
import { type Ctx, type Decision, decision, replyOf, textReply } from "./decision.ts";
import { isDraftEmpty, nextOpenStep, previousStep } from "./intake.checklist.ts";
import { answerStep } from "./intake.step.ts";
import { resumeOptions } from "./options.catalog.ts";
import { offerForDescription, seedDraft } from "./self-service.offer.ts";
import { reject, repeat, show, showMenu } from "./transitions.ts";

/** The phone the channel vouches for: only WhatsApp identifies the sender by number. */
function channelPhone(state: ConversationState): string | null {
  return state.channel === "WHATSAPP" ? state.channelPhone : null;
}

/** Asks the first open question of the draft, or shows the summary when none is left. */
export function advance(
  state: ConversationState,
  draft: Draft,
  ctx: Ctx,
  before: readonly Localized[] = [],
): Decision {
  const next = nextOpenStep(draft, ctx.settings);
  const withDraft = { ...state, draft };
  return next === null
    ? show(withDraft, { type: "summary", failures: 0 }, ctx, before)
    : show(withDraft, { type: "intake", step: next, failures: 0, editing: false }, ctx, before);
}

/** `seed`: what the user already told us (after a help article that did not help). */
export function startIntake(
  state: ConversationState,
  ctx: Ctx,
  before: readonly Localized[] = [],
  seed: { category: string | null; description: string | null } | null = null,
): Decision {
  const draft = emptyDraft(ctx.at, channelPhone(state));
  return advance(state, seed === null ? draft : seedDraft(draft, seed, ctx), ctx, before);
}

/** Menu option 1: a draft in progress is never overwritten without asking. */
export function startOrResume(state: ConversationState, ctx: Ctx): Decision {
  return state.draft === null
    ? startIntake(state, ctx)
    : show(state, { type: "resumePrompt", failures: 0 }, ctx);
}

export function answerIntake(
  state: ConversationState,
  mode: IntakeMode,
  event: UserEvent,
  ctx: Ctx,
): Decision {
  const { draft } = state;
  if (draft === null) return showMenu(state);
  const outcome = answerStep(mode.step, draft, event, state, ctx);
  switch (outcome.type) {
    case "accepted": {
      const before = outcome.ack === null ? [] : [outcome.ack];
      const goOn = () => advance(state, outcome.draft, ctx, before);
      // The description is where the user says what is wrong: a help article may answer it.
      return mode.step === "description" && !mode.editing
        ? offerForDescription(state, outcome.draft, ctx, goOn)
        : goOn();
    }
    case "collecting":
      return decision(
        { ...state, draft: outcome.draft, mode: { ...mode, failures: 0 } },
        replyOf(state.language, outcome.reply),
      );
    case "rejected":
      return reject(state, mode, outcome.error, ctx, outcome.repeatQuestion);
    case "stale":
      return repeat({ ...state, mode }, ctx, [STALE_CHOICE]);
    case "consentRefused":
      return decision(
        { ...state, draft: null, mode: { type: "idle" } },
        textReply(state.language, CONSENT_REFUSED),
      );
    default:
      return assertNever(outcome, "step outcome");
  }
}

/** "kembali": the previous question, the summary when editing, the menu from the first one. */
export function backFromIntake(state: ConversationState, mode: IntakeMode, ctx: Ctx): Decision {
  const { draft } = state;
  if (draft === null) return showMenu(state);
  if (mode.editing) return advance(state, draft, ctx);
  const previous = previousStep(mode.step, draft, ctx.settings);
  if (previous !== null) {
    return show(state, { type: "intake", step: previous, failures: 0, editing: false }, ctx);
  }
  return showMenu(isDraftEmpty(draft) ? { ...state, draft: null } : state);
}

export function answerResume(
  state: ConversationState,
  mode: QuestionMode,
  event: UserEvent,
  ctx: Ctx,
): Decision {
  const { draft } = state;
  if (draft === null) return showMenu(state);
  const choice = chooseFrom(state, mode, resumeOptions(), event, ctx);
  if ("decision" in choice) return choice.decision;
  switch (choice.option.id) {
    case "resume.continue":
      return advance(state, draft, ctx, [RESUMING]);
    case "resume.restart":
      return startIntake({ ...state, draft: null }, ctx, [RESTARTED]);
    default:
      return discardDraft(state);
  }
}

function discardDraft(state: ConversationState): Decision {
  return showMenu({ ...state, draft: null }, [DRAFT_DISCARDED]);
}
