// Stores the end of a satisfaction survey the conversation ran: the nine
// scores (U1..U9) and the comment, or that the user skipped it. Only a
// survey still asked (DITANYAKAN) of this contact's ticket changes, so a
// replayed message or a second answer set does nothing.
import { isCompleteAnswers } from "../domain/survey/survey.definition.ts";
import type { Tx } from "../infra/stores/tx.ts";

async function ownSurvey(tx: Tx, contactId: string, ticketId: string) {
  const ticket = await tx.ticket.findFirst({
    where: { id: ticketId, contactId },
    select: { id: true },
  });
  return ticket !== null;
}

export async function saveSurveyAnswers(
  tx: Tx,
  input: {
    contactId: string;
    ticketId: string;
    answers: readonly number[];
    comment: string | null;
    at: Date;
  },
): Promise<boolean> {
  if (!isCompleteAnswers(input.answers)) return false;
  if (!(await ownSurvey(tx, input.contactId, input.ticketId))) return false;
  const { count } = await tx.surveyResponse.updateMany({
    where: { ticketId: input.ticketId, status: "DITANYAKAN" },
    data: {
      status: "SELESAI",
      answers: [...input.answers],
      comment: input.comment,
      completedAt: input.at,
    },
  });
  return count === 1;
}

export async function skipSurveyResponse(
  tx: Tx,
  input: { contactId: string; ticketId: string; at: Date },
): Promise<boolean> {
  if (!(await ownSurvey(tx, input.contactId, input.ticketId))) return false;
  const { count } = await tx.surveyResponse.updateMany({
    where: { ticketId: input.ticketId, status: "DITANYAKAN" },
    data: { status: "DILEWATI" },
  });
  return count === 1;
}
