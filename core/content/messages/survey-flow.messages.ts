import { type Localized, localized, perLanguage } from "../language.ts";
import { byChoiceStyle, choiceRef } from "../markup.ts";
import type { OptionText } from "./common.messages.ts";

/**
 * The conversation around the satisfaction survey (Survei Kepuasan
 * Masyarakat, PermenPANRB 14/2017). The nine elements and their answer
 * labels live with the survey itself (core/domain/survey, survey.messages.ts).
 */

export const SURVEY_OPTIONS = {
  skip: {
    label: localized("Lewati survei", "Skip the survey"),
    aliases: ["lewati", "lewat", "skip", "nanti", "tidak mau", "later"],
  },
  noComment: {
    label: localized("Tidak ada", "None"),
    aliases: ["tidak ada", "tidak", "ga ada", "gak ada", "none", "no", "nothing", "-"],
  },
} as const satisfies Record<string, OptionText>;

const HOW_TO_ANSWER = byChoiceStyle(
  localized("pilih salah satu jawaban", "pick one of the answers"),
  localized("jawab dengan angka 1-4", "answer 1-4"),
);

export function surveyIntro(ticketNumber: string, count: number): Localized {
  const skip = choiceRef("survey.skip", SURVEY_OPTIONS.skip.label);
  return localized(
    `Tiket ${ticketNumber} telah selesai. Mohon kesediaan Bapak/Ibu mengisi survei kepuasan singkat (${count} pertanyaan, ${HOW_TO_ANSWER.id}). Pilih ${skip.id} bila tidak berkenan.`,
    `Ticket ${ticketNumber} has been resolved. Would you help us with a short satisfaction survey (${count} questions, ${HOW_TO_ANSWER.en})? Choose ${skip.en} if you would rather not.`,
  );
}

export function surveyQuestionHeader(index: number, count: number, question: Localized): Localized {
  return perLanguage((language) =>
    language === "id"
      ? `Pertanyaan ${index + 1} dari ${count}:\n${question.id}`
      : `Question ${index + 1} of ${count}:\n${question.en}`,
  );
}

export const SURVEY_ANSWER_HINT = byChoiceStyle(
  localized(
    'Mohon pilih salah satu jawaban, atau ketik "lewati" untuk melewati survei.',
    'Please pick one of the answers, or type "skip" to skip the survey.',
  ),
  localized(
    'Mohon balas dengan angka 1 sampai 4, atau ketik "lewati" untuk melewati survei.',
    'Please reply with a number from 1 to 4, or type "skip" to skip the survey.',
  ),
);

const NO_COMMENT_CHOICE = choiceRef("survey.noComment", SURVEY_OPTIONS.noComment.label);

export const SURVEY_COMMENT_PROMPT = localized(
  `Terakhir, adakah saran atau komentar untuk layanan kami? Silakan ketik, atau pilih ${NO_COMMENT_CHOICE.id}.`,
  `Finally, do you have any suggestion or comment about our service? Type it, or choose ${NO_COMMENT_CHOICE.en}.`,
);

export const SURVEY_COMMENT_EXPECTS_TEXT = localized(
  `Mohon tulis saran dalam bentuk teks, atau pilih ${NO_COMMENT_CHOICE.id}.`,
  `Please write your suggestion as text, or choose ${NO_COMMENT_CHOICE.en}.`,
);

export const SURVEY_THANKS = localized(
  'Terima kasih atas penilaian Bapak/Ibu. Masukan ini membantu kami memperbaiki layanan. Ketik "menu" untuk kembali ke menu utama.',
  'Thank you for your rating. It helps us improve our service. Type "menu" to go back to the main menu.',
);

export const SURVEY_SKIPPED = localized(
  'Baik, survei dilewati. Terima kasih. Ketik "menu" untuk kembali ke menu utama.',
  'All right, the survey is skipped. Thank you. Type "menu" to go back to the main menu.',
);

export const SURVEY_CLOSED = localized(
  "Survei kami tutup dulu. Terima kasih.",
  "We have closed the survey for now. Thank you.",
);

/** Longest comment kept; a survey answer, not a letter. */
export const SURVEY_COMMENT_MAX_CHARS = 1000;
