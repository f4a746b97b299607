import {
  CANCEL_CONFIRM,
  complaintIntro,
  currentAnswer,
  deleteConfirm,
  EDIT_PROMPT,
  HUMAN_OFFER,
  humanOfferNoDesk,
  MENU_DRAFT_NOTE,
  MENU_FOOTER,
  menuIntro,
  PROMPT_ACTING_FOR_OTHER,
  PROMPT_CATEGORY,
  PROMPT_EMAIL,
  PROMPT_KTP,
  PROMPT_NAME,
  PROMPT_NIK,
  PROMPT_ROLE,
  PROMPT_SURAT_KUASA,
  PROMPT_TENDER_CODE,
  paragraphs,
  promptBidDeadline,
  promptConsent,
  promptDescription,
  promptOrganisation,
  promptPhone,
  promptScreenshots,
  ROLES,
  resumePrompt,
  STATUS_ASK,
  SUBMITTING_WAIT,
  spokenDateTime,
} from "../../content/index.ts";
import { assertNever } from "../shared/assert-never.ts";
import { wibYear } from "../shared/wib-time.ts";
import { findCategory } from "./conversation.settings.ts";
import type { ConversationState, Draft, IntakeStep, Mode } from "./conversation-state.schema.ts";
import { type Ctx, type Prompt, prompt } from "./decision.ts";
import { fieldValue, summaryText } from "./field-value.renderer.ts";
import { isStepAnswered } from "./intake.checklist.ts";
import {
  actingOptions,
  cancelOptions,
  categoryOptions,
  consentOptions,
  deleteOptions,
  editOptions,
  HUMAN_OFFER_AGENT_ID,
  humanOfferOptions,
  keepOption,
  menuOptions,
  resumeOptions,
  roleOptions,
  screenshotOptions,
  summaryOptions,
} from "./options.catalog.ts";
import { articleFeedbackPrompt, articleOfferPrompt } from "./self-service.prompt.ts";
import { surveyPrompt } from "./survey.prompt.ts";

export const COMPLAINT_MIN_CHARS = 10;
export const COMPLAINT_MAX_CHARS = 2000;

export function menuPrompt(state: ConversationState, firstContact: boolean): Prompt {
  const parts = [
    menuIntro(firstContact),
    ...(state.draft === null ? [] : [MENU_DRAFT_NOTE]),
    MENU_FOOTER,
  ];
  return prompt(paragraphs(...parts), menuOptions());
}

/** Help offered after repeated failures: an agent, or where there is none, the office's contacts. */
export function humanOfferPrompt(ctx: Ctx): Prompt {
  return ctx.settings.agentDesk
    ? prompt(HUMAN_OFFER, humanOfferOptions())
    : prompt(
        humanOfferNoDesk(ctx.settings.officeEmail, ctx.settings.openingHours),
        humanOfferOptions().filter((option) => option.id !== HUMAN_OFFER_AGENT_ID),
      );
}

export function expiryHours(ctx: Ctx): number {
  return Math.round(ctx.settings.draftExpiryAfterMs / 3_600_000);
}

/** The bare question of a step, without the "current answer" line. */
function stepQuestion(step: IntakeStep, draft: Draft, state: ConversationState, ctx: Ctx): Prompt {
  const { settings } = ctx;
  switch (step) {
    case "category":
      return prompt(PROMPT_CATEGORY, categoryOptions(settings));
    case "consent":
      return prompt(promptConsent(expiryHours(ctx)), consentOptions());
    case "name":
      return prompt(PROMPT_NAME);
    case "nik":
      return prompt(PROMPT_NIK);
    case "role":
      return prompt(PROMPT_ROLE, roleOptions());
    case "organisation": {
      const kind = ROLES.find((role) => role.id === draft.role)?.organisation ?? "either";
      return prompt(promptOrganisation(kind));
    }
    case "email":
      return prompt(PROMPT_EMAIL);
    case "phone": {
      const telegram = state.channel === "TELEGRAM";
      return prompt(promptPhone(telegram), [], telegram);
    }
    case "tenderCode":
      return prompt(PROMPT_TENDER_CODE);
    case "bidDeadline":
      return prompt(promptBidDeadline(wibYear(ctx.at)));
    case "description":
      return prompt(promptDescription(settings.descriptionMinChars));
    case "actingForOther":
      return prompt(PROMPT_ACTING_FOR_OTHER, actingOptions());
    case "ktp":
      return prompt(PROMPT_KTP);
    case "suratKuasa":
      return prompt(PROMPT_SURAT_KUASA);
    case "screenshots": {
      const received = draft.screenshots.length;
      return prompt(
        promptScreenshots(received, settings.maxScreenshots),
        received > 0 ? screenshotOptions() : [],
      );
    }
    default:
      return assertNever(step, "intake step");
  }
}

/** Steps answered by typing or sending a file; choice steps are simply chosen again. */
const KEEPABLE_STEPS: ReadonlySet<IntakeStep> = new Set<IntakeStep>([
  "name",
  "nik",
  "organisation",
  "email",
  "phone",
  "tenderCode",
  "bidDeadline",
  "description",
  "ktp",
  "suratKuasa",
]);

export function canKeep(step: IntakeStep, draft: Draft, ctx: Ctx): boolean {
  return KEEPABLE_STEPS.has(step) && isStepAnswered(step, draft, ctx.settings);
}

export function intakePrompt(
  step: IntakeStep,
  draft: Draft,
  state: ConversationState,
  ctx: Ctx,
): Prompt {
  const question = stepQuestion(step, draft, state, ctx);
  if (!canKeep(step, draft, ctx)) return question;
  const value = fieldValue(step, draft, ctx.settings);
  if (value === null) return question;
  return prompt(
    paragraphs(question.text, currentAnswer(value)),
    [...question.options, keepOption()],
    question.requestContact,
  );
}

/** The question the user is on, for re-asking after help, a language switch or a correction. */
export function promptForMode(mode: Mode, state: ConversationState, ctx: Ctx): Prompt | null {
  const { draft } = state;
  switch (mode.type) {
    case "idle":
      return menuPrompt(state, true);
    case "menu":
      return menuPrompt(state, false);
    case "intake":
      return draft === null ? menuPrompt(state, false) : intakePrompt(mode.step, draft, state, ctx);
    case "summary":
      return draft === null
        ? menuPrompt(state, false)
        : prompt(summaryText(draft, ctx.settings), summaryOptions());
    case "editPick":
      return draft === null
        ? menuPrompt(state, false)
        : prompt(EDIT_PROMPT, editOptions(draft, ctx.settings));
    case "statusAsk":
      return prompt(STATUS_ASK);
    case "complaintAsk":
      return prompt(complaintIntro(ctx.settings.officeEmail, COMPLAINT_MIN_CHARS));
    case "resumePrompt": {
      const category = findCategory(ctx.settings, draft?.category ?? null)?.label ?? null;
      const last = state.lastUserEventAt === null ? null : spokenDateTime(state.lastUserEventAt);
      return prompt(resumePrompt(category, last), resumeOptions());
    }
    case "articleOffer":
      return articleOfferPrompt(mode);
    case "articleShown":
      return articleFeedbackPrompt();
    case "confirmCancel":
      return prompt(CANCEL_CONFIRM, cancelOptions());
    case "humanOffer":
      return humanOfferPrompt(ctx);
    case "submitting":
      return prompt(SUBMITTING_WAIT);
    case "deleteConfirm":
      return prompt(deleteConfirm(state.openTicket?.number ?? null), deleteOptions());
    case "survey":
      return surveyPrompt(mode);
    case "withAgent":
      return null;
    default:
      return assertNever(mode, "mode");
  }
}

export function promptFor(state: ConversationState, ctx: Ctx): Prompt | null {
  return promptForMode(state.mode, state, ctx);
}
