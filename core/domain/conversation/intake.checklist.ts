import type { CategoryRequirement } from "../../content/index.ts";
import { assertNever } from "../shared/assert-never.ts";
import { type ConversationSettings, findCategory } from "./conversation.settings.ts";
import type { Draft, IntakeStep } from "./conversation-state.schema.ts";
import { INTAKE_STEPS } from "./conversation-state.schema.ts";

/**
 * Which questions apply to a draft and which are answered. The next question
 * is always derived from the answers, so editing the category or "acting for
 * someone else" automatically asks for whatever became required.
 */

function categoryRequires(
  draft: Draft,
  settings: ConversationSettings,
  requirement: CategoryRequirement,
): boolean {
  return findCategory(settings, draft.category)?.requires.includes(requirement) ?? false;
}

export function isStepApplicable(
  step: IntakeStep,
  draft: Draft,
  settings: ConversationSettings,
): boolean {
  switch (step) {
    case "category":
    case "consent":
    case "name":
    case "nik":
    case "role":
    case "organisation":
    case "email":
    case "phone":
    case "description":
    case "actingForOther":
      return true;
    case "tenderCode":
      return categoryRequires(draft, settings, "TENDER_CODE");
    case "bidDeadline":
      return categoryRequires(draft, settings, "BID_DEADLINE");
    case "ktp":
      return categoryRequires(draft, settings, "KTP");
    case "screenshots":
      return categoryRequires(draft, settings, "SCREENSHOT");
    case "suratKuasa":
      return draft.actingForOther === true;
    default:
      return assertNever(step, "intake step");
  }
}

export function isStepAnswered(
  step: IntakeStep,
  draft: Draft,
  settings: ConversationSettings,
): boolean {
  switch (step) {
    case "category":
      return findCategory(settings, draft.category) !== null;
    case "consent":
      return draft.consentAt !== null;
    case "name":
      return draft.name !== null;
    case "nik":
      return draft.nik !== null;
    case "role":
      return draft.role !== null;
    case "organisation":
      return draft.organisation !== null;
    case "email":
      return draft.email !== null;
    case "phone":
      return draft.phone !== null;
    case "tenderCode":
      return draft.tenderCode !== null;
    case "bidDeadline":
      return draft.bidDeadline !== null;
    case "description":
      return draft.description !== null;
    case "actingForOther":
      return draft.actingForOther !== null;
    case "ktp":
      return draft.ktp !== null;
    case "suratKuasa":
      return draft.suratKuasa !== null;
    case "screenshots":
      return (
        draft.screenshots.length > 0 &&
        (draft.screenshotsDone || draft.screenshots.length >= settings.maxScreenshots)
      );
    default:
      return assertNever(step, "intake step");
  }
}

export function applicableSteps(draft: Draft, settings: ConversationSettings): IntakeStep[] {
  return INTAKE_STEPS.filter((step) => isStepApplicable(step, draft, settings));
}

/** The first question still open, or null when the draft is ready for the summary. */
export function nextOpenStep(draft: Draft, settings: ConversationSettings): IntakeStep | null {
  return (
    applicableSteps(draft, settings).find((step) => !isStepAnswered(step, draft, settings)) ?? null
  );
}

/** The question before `step` for "kembali"; null on the first question. */
export function previousStep(
  step: IntakeStep,
  draft: Draft,
  settings: ConversationSettings,
): IntakeStep | null {
  const steps = applicableSteps(draft, settings);
  const index = steps.indexOf(step);
  if (index <= 0) return null;
  return steps[index - 1] ?? null;
}

export function lastStep(draft: Draft, settings: ConversationSettings): IntakeStep | null {
  return applicableSteps(draft, settings).at(-1) ?? null;
}

/** Steps the user may change from the summary; consent is withdrawn by cancelling instead. */
export function editableSteps(draft: Draft, settings: ConversationSettings): IntakeStep[] {
  return applicableSteps(draft, settings).filter((step) => step !== "consent");
}

/** Media ids a draft holds on to; everything else the app may delete. */
export function draftMediaIds(draft: Draft | null): string[] {
  if (draft === null) return [];
  return [
    ...(draft.ktp === null ? [] : [draft.ktp.mediaId]),
    ...(draft.suratKuasa === null ? [] : [draft.suratKuasa.mediaId]),
    ...draft.screenshots.map((media) => media.mediaId),
  ];
}

export function isDraftEmpty(draft: Draft): boolean {
  return (
    draft.category === null &&
    draft.consentAt === null &&
    draft.name === null &&
    draftMediaIds(draft).length === 0
  );
}
