import {
  ACTING_OPTIONS,
  CANCEL_OPTIONS,
  CONSENT_OPTIONS,
  DELETE_OPTIONS,
  FIELD_ALIASES,
  FIELD_LABELS,
  HUMAN_OFFER_OPTIONS,
  KEEP_OPTION,
  MENU_OPTIONS,
  type OptionText,
  RESUME_OPTIONS,
  ROLES,
  SCREENSHOT_OPTIONS,
  SUMMARY_OPTIONS,
  SURVEY_OPTIONS,
} from "../../content/index.ts";
import type { Option } from "./choice.matcher.ts";
import type { ConversationSettings } from "./conversation.settings.ts";
import type { Draft, IntakeStep } from "./conversation-state.schema.ts";
import { editableSteps } from "./intake.checklist.ts";
import { surveyQuestion } from "./survey.questions.ts";

/**
 * Option ids are namespaced ("menu.status", "edit.nik") so a button from an
 * older message can never select something on the current question.
 */

function fromTexts<K extends string>(
  prefix: string,
  texts: Readonly<Record<K, OptionText>>,
  order: readonly K[],
): Option[] {
  return order.map((key) => ({
    id: `${prefix}.${key}`,
    label: texts[key].label,
    aliases: texts[key].aliases,
  }));
}

export const MENU_OPTION_IDS = {
  apply: "menu.apply",
  status: "menu.status",
  info: "menu.info",
  complaint: "menu.complaint",
  agent: "menu.agent",
  myData: "menu.myData",
  deleteData: "menu.deleteData",
} as const;

/** New services go at the end, so the numbers users already know (1-5) stay. */
export function menuOptions(): Option[] {
  return fromTexts("menu", MENU_OPTIONS, [
    "apply",
    "status",
    "info",
    "complaint",
    "agent",
    "myData",
    "deleteData",
  ]);
}

export const categoryOptionId = (categoryId: string) => `category.${categoryId}`;

export function categoryOptions(settings: ConversationSettings): Option[] {
  return settings.categories.map((category) => ({
    id: categoryOptionId(category.id),
    label: category.label,
    aliases: category.keywords,
  }));
}

export const roleOptionId = (roleId: string) => `role.${roleId}`;

export function roleOptions(): Option[] {
  return ROLES.map((role) => ({
    id: roleOptionId(role.id),
    label: role.label,
    aliases: role.keywords,
  }));
}

export function consentOptions(): Option[] {
  return fromTexts("consent", CONSENT_OPTIONS, ["agree", "refuse"]);
}

export function actingOptions(): Option[] {
  return fromTexts("acting", ACTING_OPTIONS, ["yes", "no"]);
}

export function screenshotOptions(): Option[] {
  return fromTexts("shots", SCREENSHOT_OPTIONS, ["done", "reset"]);
}

export const KEEP_OPTION_ID = "keep";

export function keepOption(): Option {
  return { id: KEEP_OPTION_ID, label: KEEP_OPTION.label, aliases: KEEP_OPTION.aliases };
}

export function summaryOptions(): Option[] {
  return fromTexts("summary", SUMMARY_OPTIONS, ["confirm", "edit", "cancel"]);
}

export const editOptionId = (step: IntakeStep) => `edit.${step}`;

export function editOptions(draft: Draft, settings: ConversationSettings): Option[] {
  return editableSteps(draft, settings).map((step) => ({
    id: editOptionId(step),
    label: FIELD_LABELS[step],
    aliases: FIELD_ALIASES[step],
  }));
}

export function resumeOptions(): Option[] {
  return fromTexts("resume", RESUME_OPTIONS, ["continue", "restart", "discard"]);
}

export function cancelOptions(): Option[] {
  return fromTexts("cancel", CANCEL_OPTIONS, ["yes", "no"]);
}

export const HUMAN_OFFER_AGENT_ID = "offer.agent";

export function humanOfferOptions(): Option[] {
  return fromTexts("offer", HUMAN_OFFER_OPTIONS, ["agent", "retry", "menu"]);
}

export function deleteOptions(): Option[] {
  return fromTexts("delete", DELETE_OPTIONS, ["confirm", "cancel"]);
}

export const SURVEY_SKIP_ID = "survey.skip";
export const SURVEY_NO_COMMENT_ID = "survey.noComment";
export const surveyAnswerId = (value: number) => `survey.answer.${value}`;

/** The four answers of one element (button ids carry the value 1-4), then "skip the survey". */
export function surveyOptions(index: number): Option[] {
  const answers = surveyQuestion(index)?.answers ?? [];
  return [
    ...answers.map((label, i) => ({ id: surveyAnswerId(i + 1), label, aliases: [] })),
    surveySkipOption(),
  ];
}

export function surveySkipOption(): Option {
  return {
    id: SURVEY_SKIP_ID,
    label: SURVEY_OPTIONS.skip.label,
    aliases: SURVEY_OPTIONS.skip.aliases,
  };
}

export function surveyCommentOptions(): Option[] {
  return [
    {
      id: SURVEY_NO_COMMENT_ID,
      label: SURVEY_OPTIONS.noComment.label,
      aliases: SURVEY_OPTIONS.noComment.aliases,
    },
  ];
}
