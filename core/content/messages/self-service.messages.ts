import { type Localized, localized, perLanguage } from "../language.ts";
import type { OptionText } from "./common.messages.ts";

/** Self-service answers: help articles offered in the chat before (or instead of) a ticket. */

/** Above the list of up to three articles; `inIntake`: the request is kept and goes on. */
export function articleOfferIntro(inIntake: boolean): Localized {
  return inIntake
    ? localized(
        "Sambil kami simpan permohonan Bapak/Ibu, mungkin artikel berikut sudah menjawab masalahnya. Pilih artikel untuk membacanya, atau lanjutkan permohonan.",
        "While we keep your request, one of these articles may already answer it. Choose an article to read it, or carry on with the request.",
      )
    : localized(
        "Mungkin artikel berikut dapat membantu. Pilih artikel untuk membacanya, atau pilih menu lain.",
        "One of these articles may help. Choose an article to read it, or pick something else.",
      );
}

export const ARTICLE_FEEDBACK_QUESTION = localized(
  "Apakah ini menyelesaikan masalah Bapak/Ibu?",
  "Did this solve your problem?",
);

export const ARTICLE_OPTIONS = {
  /** Under the list, in the intake: carry on with the request. */
  continueIntake: {
    label: localized("Lanjutkan laporan", "Carry on with the request"),
    aliases: ["lanjut", "lanjutkan", "lanjutkan laporan", "continue", "carry on"],
  },
  /** Under the list, outside a flow: file a request after all. */
  startIntake: {
    label: localized("Ajukan permohonan", "Submit a request"),
    aliases: ["ajukan", "ajukan permohonan", "lapor", "permohonan", "submit", "request"],
  },
  menu: {
    label: localized("Menu utama", "Main menu"),
    aliases: ["menu", "menu utama", "main menu"],
  },
  solved: {
    label: localized("Ya, sudah selesai", "Yes, it is solved"),
    aliases: ["ya", "iya", "sudah", "selesai", "sudah selesai", "yes", "solved", "done"],
  },
  notSolved: {
    label: localized("Belum, lanjutkan laporan", "No, carry on with the request"),
    aliases: ["belum", "tidak", "lanjut", "lanjutkan", "no", "not yet", "continue"],
  },
} as const satisfies Record<string, OptionText>;

/** After "Ya, sudah selesai"; `draftDropped`: the answers typed so far were deleted. */
export function articleSolved(draftDropped: boolean): Localized {
  return perLanguage((language) => {
    if (language === "id") {
      return [
        "Terima kasih, senang masalah Bapak/Ibu sudah terselesaikan.",
        draftDropped
          ? "Permohonan tidak kami lanjutkan, dan data yang sudah Bapak/Ibu isi telah kami hapus."
          : "",
        'Ketik "menu" bila memerlukan bantuan lain.',
      ]
        .filter(Boolean)
        .join(" ");
    }
    return [
      "Thank you, we are glad your problem is solved.",
      draftDropped ? "The request will not go ahead, and the answers you gave were deleted." : "",
      'Type "menu" if you need anything else.',
    ]
      .filter(Boolean)
      .join(" ");
  });
}

/** After "Belum": the request goes on where it was. */
export const ARTICLE_NOT_SOLVED = localized(
  "Baik, permohonan Bapak/Ibu kami lanjutkan.",
  "All right, we carry on with your request.",
);

/** An article offered earlier was withdrawn before the user opened it. */
export const ARTICLE_GONE = localized(
  "Maaf, artikel tersebut sudah tidak tersedia.",
  "Sorry, that article is no longer available.",
);
