// The survey's shape: nine service elements (unsur pelayanan) of PermenPANRB
// 14/2017, in the regulation's order, each answered on its 1-4 perception
// scale (nilai persepsi). Stored answers are an Int[] in this order (U1..U9).
import {
  SURVEY_ELEMENT_CODES,
  SURVEY_ELEMENT_TEXTS,
  type SurveyElementCode,
  type SurveyElementText,
} from "../../content/messages/survey.messages.ts";

export { SURVEY_ELEMENT_CODES, type SurveyElementCode };

export const SURVEY_SCALE = [1, 2, 3, 4] as const;
export type SurveyValue = (typeof SURVEY_SCALE)[number];

export interface SurveyElement extends SurveyElementText {
  readonly code: SurveyElementCode;
  /** Position in the stored answers array. */
  readonly index: number;
}

export const SURVEY_ELEMENTS: readonly SurveyElement[] = SURVEY_ELEMENT_CODES.map(
  (code, index) => ({ code, index, ...SURVEY_ELEMENT_TEXTS[code] }),
);

export function isSurveyValue(value: unknown): value is SurveyValue {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 4;
}

/** A complete answer set: nine values 1-4 in U1..U9 order. */
export function isCompleteAnswers(answers: readonly unknown[]): answers is readonly SurveyValue[] {
  return answers.length === SURVEY_ELEMENT_CODES.length && answers.every(isSurveyValue);
}
