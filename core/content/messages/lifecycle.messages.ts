import { type Localized, localized, perLanguage } from "../language.ts";
import { choiceRef } from "../markup.ts";
import { OFFICE, PROCEDURE } from "../service-standard.content.ts";
import type { OptionText } from "./common.messages.ts";
import { SUMMARY_OPTIONS } from "./summary.messages.ts";

export function draftReminder(expiryHours: number): Localized {
  return localized(
    `Pengingat: permohonan Bapak/Ibu belum selesai. Balas pesan ini untuk melanjutkan. Untuk menjaga kerahasiaan data, draf akan dihapus otomatis ${expiryHours} jam setelah aktivitas terakhir.`,
    `Reminder: your request is not finished yet. Reply to this message to continue. To protect your data, the draft is deleted automatically ${expiryHours} hours after your last activity.`,
  );
}

export function draftExpired(expiryHours: number): Localized {
  return localized(
    `Draf permohonan Bapak/Ibu sudah kedaluwarsa karena tidak ada aktivitas selama ${expiryHours} jam, dan telah dihapus beserta dokumennya. Silakan mulai lagi bila masih diperlukan.`,
    `Your draft request expired after ${expiryHours} hours without activity and has been deleted together with its documents. Please start again if you still need help.`,
  );
}

export function resumePrompt(
  category: Localized | null,
  lastActivity: Localized | null,
): Localized {
  return perLanguage((language) => {
    const about =
      category === null
        ? ""
        : language === "id"
          ? ` (kategori: ${category.id})`
          : ` (category: ${category.en})`;
    const when =
      lastActivity === null
        ? ""
        : language === "id"
          ? `, terakhir diisi ${lastActivity.id}`
          : `, last updated ${lastActivity.en}`;
    return language === "id"
      ? `Bapak/Ibu memiliki permohonan yang belum selesai${about}${when}. Ingin melanjutkan atau mulai dari awal?`
      : `You have an unfinished request${about}${when}. Would you like to continue it or start over?`;
  });
}

export const RESUME_OPTIONS = {
  continue: {
    label: localized("Lanjutkan permohonan", "Continue the request"),
    aliases: ["lanjut", "lanjutkan", "teruskan", "ya", "continue", "resume", "yes"],
  },
  restart: {
    label: localized("Mulai dari awal", "Start over"),
    aliases: ["ulang", "mulai baru", "baru", "dari awal", "restart", "start over", "new"],
  },
  discard: {
    label: localized("Hapus dan kembali ke menu", "Delete it and go to the menu"),
    aliases: ["hapus", "delete", "discard"],
  },
} as const satisfies Record<string, OptionText>;

export const RESUMING = localized("Baik, kita lanjutkan.", "All right, let us continue.");

export const RESTARTED = localized(
  "Baik, kita mulai dari awal. Data sebelumnya telah dihapus.",
  "All right, let us start over. The earlier answers have been deleted.",
);

export const DRAFT_DISCARDED = localized(
  "Draf permohonan beserta dokumennya telah dihapus.",
  "The draft request and its documents have been deleted.",
);

export const CANCEL_CONFIRM = localized(
  "Yakin ingin membatalkan permohonan? Semua jawaban dan dokumen yang sudah dikirim akan dihapus.",
  "Are you sure you want to cancel the request? All answers and documents you sent will be deleted.",
);

export const CANCEL_OPTIONS = {
  yes: {
    label: localized("Ya, batalkan", "Yes, cancel it"),
    aliases: ["ya", "iya", "y", "batal", "batalkan", "yes", "cancel"],
  },
  no: {
    label: localized("Tidak, lanjutkan", "No, continue"),
    aliases: ["tidak", "tdk", "gak", "nggak", "lanjut", "lanjutkan", "no", "continue"],
  },
} as const satisfies Record<string, OptionText>;

export const REQUEST_CANCELLED = localized(
  'Permohonan dibatalkan dan semua data yang sudah dikirim telah dihapus. Ketik "menu" untuk kembali ke menu utama.',
  'The request has been cancelled and all data you sent has been deleted. Type "menu" to go back to the main menu.',
);

export const CONSENT_REFUSED = localized(
  `Baik, kami menghormati keputusan Bapak/Ibu. Tanpa persetujuan pemrosesan data pribadi, permohonan tidak dapat kami proses melalui layanan ini, dan data yang sudah dikirim telah dihapus. Bapak/Ibu tetap dapat datang langsung ke kantor LPSE Kabupaten Landak (${OFFICE.address}) atau menghubungi Helpdesk ${OFFICE.phone}.`,
  `All right, we respect your decision. Without consent to process personal data we cannot handle the request through this service, and any data you sent has been deleted. You can still visit the LPSE Kabupaten Landak office (${OFFICE.address}) or call the helpdesk on ${OFFICE.phone}.`,
);

export const HUMAN_OFFER = localized(
  "Sepertinya Bapak/Ibu mengalami kesulitan pada langkah ini. Apakah Bapak/Ibu ingin dibantu petugas Helpdesk?",
  "It looks like this step is giving you trouble. Would you like help from a helpdesk staff member?",
);

export const HUMAN_OFFER_OPTIONS = {
  agent: {
    label: localized("Ya, hubungkan dengan petugas", "Yes, connect me to staff"),
    aliases: ["ya", "iya", "y", "hubungkan", "yes", "connect"],
  },
  retry: {
    label: localized("Coba lagi", "Try again"),
    aliases: ["coba", "coba lagi", "lagi", "retry", "try again"],
  },
  menu: {
    label: localized("Kembali ke menu utama", "Back to the main menu"),
    aliases: [],
  },
} as const satisfies Record<string, OptionText>;

export const HANDOFF_ENDED = localized(
  'Sesi dengan petugas telah selesai. Terima kasih. Ketik "menu" untuk kembali ke menu utama.',
  'The session with our staff has ended. Thank you. Type "menu" to go back to the main menu.',
);

export const SUBMITTING_WAIT = localized(
  'Permohonan Bapak/Ibu sedang kami kirim, mohon tunggu sebentar. Bila terlalu lama, ketik "petugas".',
  'We are submitting your request, please wait a moment. If it takes too long, type "agent".',
);

const SUBMIT_CHOICE = choiceRef("summary.confirm", SUMMARY_OPTIONS.confirm.label);

export const TICKET_FAILED = localized(
  `Mohon maaf, permohonan belum berhasil dikirim karena gangguan sistem. Jawaban Bapak/Ibu masih tersimpan. Silakan pilih ${SUBMIT_CHOICE.id} untuk mencoba lagi, atau ketik "petugas".`,
  `Sorry, the request could not be submitted because of a system problem. Your answers are still saved. Please choose ${SUBMIT_CHOICE.en} to try again, or type "agent".`,
);

/** Steps b-d of the standard: what happens after the user has submitted. */
const NEXT_STEPS = PROCEDURE.filter((step) => step.id !== "a");

export function ticketCreated(
  ticketNumber: string,
  name: string | null,
  openingHours: Localized,
): Localized {
  return perLanguage((language) => {
    // Only some problems go to LKPP; the last step must not read as a certainty.
    const whenNeeded = language === "id" ? "Bila diperlukan, " : "If needed, ";
    const steps = NEXT_STEPS.map((step, index) => {
      const description =
        step.maxMinutes === null
          ? `${whenNeeded}${step.description[language]}`
          : step.description[language];
      return `${index + 1}. ${description} (${step.time[language]}).`;
    }).join("\n");
    if (language === "id") {
      const greeting = name === null ? "Terima kasih." : `Terima kasih, Bapak/Ibu ${name}.`;
      return [
        `${greeting} Permohonan penanganan masalah telah kami terima dengan nomor tiket:\n${ticketNumber}`,
        `Langkah selanjutnya sesuai Standar Pelayanan:\n${steps}`,
        `Layanan ini tidak dipungut biaya. Jam layanan: ${openingHours.id}.`,
        `Untuk mengecek status, ketik: status ${ticketNumber}`,
      ].join("\n\n");
    }
    const greeting = name === null ? "Thank you." : `Thank you, ${name}.`;
    return [
      `${greeting} We have received your problem-handling request with ticket number:\n${ticketNumber}`,
      `What happens next, according to our service standard:\n${steps}`,
      `This service is free of charge. Service hours: ${openingHours.en}.`,
      `To check the status, type: status ${ticketNumber}`,
    ].join("\n\n");
  });
}
