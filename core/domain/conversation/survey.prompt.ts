import { SURVEY_COMMENT_PROMPT, surveyQuestionHeader } from "../../content/index.ts";
import { SURVEY_ELEMENT_COUNT, type SurveyMode } from "./conversation-state.schema.ts";
import { type Ctx, type Prompt, prompt } from "./decision.ts";
import { surveyCommentOptions, surveyOptions } from "./options.catalog.ts";
import { surveyQuestion } from "./survey.questions.ts";

/** Unanswered for as long as a draft may idle: the survey lapses without a word. */
export function isSurveyLapsed(since: string, ctx: Ctx): boolean {
  return ctx.atMs - Date.parse(since) >= ctx.settings.draftExpiryAfterMs;
}

export function surveyPrompt(mode: SurveyMode): Prompt {
  if (mode.question >= SURVEY_ELEMENT_COUNT) {
    return prompt(SURVEY_COMMENT_PROMPT, surveyCommentOptions());
  }
  const question = surveyQuestion(mode.question);
  if (question === null) return prompt(SURVEY_COMMENT_PROMPT, surveyCommentOptions());
  return prompt(
    surveyQuestionHeader(mode.question, SURVEY_ELEMENT_COUNT, question.question),
    surveyOptions(mode.question),
  );
}
