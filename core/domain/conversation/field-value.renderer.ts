import {
  consentGivenAt,
  DOCUMENT_RECEIVED,
  FIELD_LABELS,
  fileCount,
  type Localized,
  localized,
  perLanguage,
  ROLES,
  SUMMARY_FOOTER,
  SUMMARY_HEADER,
  spokenDateTime,
  YES_NO,
} from "../../content/index.ts";
import { assertNever } from "../shared/assert-never.ts";
import { maskNik } from "../shared/nik.validator.ts";
import { type ConversationSettings, findCategory } from "./conversation.settings.ts";
import type { Draft, IntakeStep } from "./conversation-state.schema.ts";
import { applicableSteps } from "./intake.checklist.ts";

const same = (value: string): Localized => localized(value, value);

/** How an answer is shown back to the user; the NIK only ever masked. */
export function fieldValue(
  step: IntakeStep,
  draft: Draft,
  settings: ConversationSettings,
): Localized | null {
  switch (step) {
    case "category":
      return findCategory(settings, draft.category)?.label ?? null;
    case "consent":
      return draft.consentAt === null ? null : consentGivenAt(spokenDateTime(draft.consentAt));
    case "name":
      return draft.name === null ? null : same(draft.name);
    case "nik":
      return draft.nik === null ? null : same(maskNik(draft.nik));
    case "role":
      return ROLES.find((role) => role.id === draft.role)?.label ?? null;
    case "organisation":
      return draft.organisation === null ? null : same(draft.organisation);
    case "email":
      return draft.email === null ? null : same(draft.email);
    case "phone":
      return draft.phone === null ? null : same(draft.phone);
    case "tenderCode":
      return draft.tenderCode === null ? null : same(draft.tenderCode);
    case "bidDeadline":
      return draft.bidDeadline === null ? null : spokenDateTime(draft.bidDeadline);
    case "description":
      return draft.description === null ? null : same(draft.description);
    case "actingForOther":
      return draft.actingForOther === null ? null : draft.actingForOther ? YES_NO.yes : YES_NO.no;
    case "ktp":
      return draft.ktp === null ? null : DOCUMENT_RECEIVED;
    case "suratKuasa":
      return draft.suratKuasa === null ? null : DOCUMENT_RECEIVED;
    case "screenshots":
      return draft.screenshots.length === 0 ? null : fileCount(draft.screenshots.length);
    default:
      return assertNever(step, "intake step");
  }
}

/** Every applicable answer, consent last, between a header and the "is this right?" question. */
export function summaryText(draft: Draft, settings: ConversationSettings): Localized {
  const steps = applicableSteps(draft, settings).filter((step) => step !== "consent");
  return perLanguage((language) => {
    const lines = [...steps, "consent" as const].map((step) => {
      const value = fieldValue(step, draft, settings);
      return `${FIELD_LABELS[step][language]}: ${value === null ? "-" : value[language]}`;
    });
    return [SUMMARY_HEADER[language], lines.join("\n"), SUMMARY_FOOTER[language]].join("\n\n");
  });
}
