import { saveSurveyAnswers, skipSurveyResponse } from "../survey-answers.ts";
import { type EffectHandler, NO_RESULT } from "./effect-handler.ts";

export const saveSurvey: EffectHandler<"saveSurvey"> = async (effect, { tx, contact, at }) => {
  await saveSurveyAnswers(tx, {
    contactId: contact.id,
    ticketId: effect.ticketId,
    answers: effect.answers,
    comment: effect.comment,
    at: new Date(at),
  });
  return NO_RESULT;
};

export const skipSurvey: EffectHandler<"skipSurvey"> = async (effect, { tx, contact, at }) => {
  await skipSurveyResponse(tx, {
    contactId: contact.id,
    ticketId: effect.ticketId,
    at: new Date(at),
  });
  return NO_RESULT;
};
