import { SURVEY_ELEMENTS, type SurveyElement } from "../survey/survey.definition.ts";

/**
 * The one place the conversation learns the survey's elements (U1..U9, with
 * their 1-4 answer labels), from the survey module; the flow only asks for
 * element `index`.
 */
export function surveyQuestion(index: number): SurveyElement | null {
  return SURVEY_ELEMENTS[index] ?? null;
}
