import { COMMAND_WORDS } from "../commands.content.ts";
import { type Localized, localized, perLanguage } from "../language.ts";
import { bulletList, byChoiceStyle, choiceRef } from "../markup.ts";

/** A selectable answer: its label and the extra words that select it when typed. */
export interface OptionText {
  readonly label: Localized;
  readonly aliases: readonly string[];
}

export const MENU_OPTIONS = {
  apply: {
    label: localized("Ajukan permohonan penanganan masalah", "Submit a problem-handling request"),
    aliases: [
      "ajukan",
      "permohonan",
      "lapor",
      "laporan",
      "masalah",
      "kendala",
      "report",
      "request",
    ],
  },
  status: {
    label: localized("Cek status tiket", "Check ticket status"),
    aliases: ["status", "cek status", "cek tiket", "check status", "tiket", "ticket"],
  },
  info: {
    label: localized(
      "Persyaratan, prosedur, waktu dan biaya layanan",
      "Requirements, procedure, service time and cost",
    ),
    aliases: [
      "syarat",
      "persyaratan",
      "prosedur",
      "biaya",
      "waktu",
      "info",
      "informasi",
      "requirements",
      "procedure",
      "cost",
      "standar pelayanan",
    ],
  },
  complaint: {
    label: localized("Pengaduan layanan", "Complaint about our service"),
    aliases: ["pengaduan", "aduan", "adukan", "komplain", "keluhan", "complaint", "complain"],
  },
  agent: {
    label: localized("Bicara dengan petugas", "Talk to a staff member"),
    aliases: ["bicara", "petugas", "staff", "operator", "agent", "human"],
  },
  // The data rights of UU 27/2022, also typed as commands ("data saya",
  // "hapus data saya"); the labels start with those words so users learn them.
  // Long labels on purpose: a message to the agents that merely mentions
  // "data saya" must not read as a pick from the menu.
  myData: {
    label: localized(
      "Data saya: lihat data pribadi yang kami simpan",
      "My data: see the personal data we hold",
    ),
    aliases: COMMAND_WORDS.myData,
  },
  deleteData: {
    label: localized(
      "Hapus data saya: minta penghapusan data pribadi",
      "Delete my data: ask for your personal data to be erased",
    ),
    aliases: COMMAND_WORDS.deleteData,
  },
} as const satisfies Record<string, OptionText>;

export function menuIntro(firstContact: boolean): Localized {
  return firstContact
    ? localized(
        "Selamat datang di Helpdesk LPSE Kabupaten Landak. Kami membantu penanganan masalah pengguna SPSE, tanpa dipungut biaya.\n\nSilakan pilih layanan yang Bapak/Ibu perlukan:",
        "Welcome to the LPSE Kabupaten Landak helpdesk. We help SPSE users with their problems, free of charge.\n\nPlease choose the service you need:",
      )
    : localized(
        "Menu utama. Silakan pilih layanan yang Bapak/Ibu perlukan:",
        "Main menu. Please choose the service you need:",
      );
}

/** The menu's "submit a request" entry, named in other texts. */
export const APPLY_CHOICE = choiceRef("menu.apply", MENU_OPTIONS.apply.label);

export const MENU_DRAFT_NOTE = localized(
  `Catatan: Bapak/Ibu masih memiliki permohonan yang belum selesai. Pilih ${APPLY_CHOICE.id} untuk melanjutkannya.`,
  `Note: you have an unfinished request. Choose ${APPLY_CHOICE.en} to continue it.`,
);

export const MENU_FOOTER = localized(
  'Ketik "bantuan" kapan saja untuk melihat daftar perintah. Type "english" for English.',
  'Type "help" at any time to see the list of commands. Ketik "bahasa" untuk Bahasa Indonesia.',
);

export const IDLE_HINT = localized(
  'Ketik "menu" untuk kembali ke menu utama.',
  'Type "menu" to go back to the main menu.',
);

const HOW_TO_CHOOSE = byChoiceStyle(
  localized(
    "Mohon tekan salah satu tombol pilihan, atau ketik kata yang ada pada pilihan.",
    "Please tap one of the option buttons, or type words from an option.",
  ),
  localized(
    "Mohon balas dengan nomor pilihan (misalnya 1) atau ketik kata yang ada pada pilihan.",
    "Please reply with the number of an option (for example 1) or type words from the option.",
  ),
);

export const INVALID_CHOICE = localized(
  `Maaf, pilihan tersebut belum kami kenali. ${HOW_TO_CHOOSE.id}`,
  `Sorry, we did not recognise that choice. ${HOW_TO_CHOOSE.en}`,
);

export const STALE_CHOICE = localized(
  "Tombol tersebut berasal dari pesan sebelumnya dan sudah tidak berlaku.",
  "That button belongs to an earlier message and is no longer valid.",
);

export const HELP_TEXT = localized(
  [
    "Perintah yang dapat diketik kapan saja:",
    bulletList([
      '"menu": kembali ke menu utama',
      '"kembali": ke pertanyaan sebelumnya',
      '"batal": membatalkan proses yang sedang berjalan',
      '"petugas": bicara dengan petugas helpdesk',
      '"status LDK-2026-00042": cek status tiket (atau pengaduan, ADU-2026-00001)',
      '"english" / "bahasa": ganti bahasa',
      '"data saya": melihat data pribadi yang kami simpan',
      '"hapus data saya": meminta penghapusan data pribadi',
    ]),
  ].join("\n"),
  [
    "Commands you can type at any time:",
    bulletList([
      '"menu": back to the main menu',
      '"back": to the previous question',
      '"cancel": cancel what you are doing',
      '"agent": talk to a helpdesk staff member',
      '"status LDK-2026-00042": check a ticket (or a complaint, ADU-2026-00001)',
      '"bahasa" / "english": switch language',
      '"my data": see the personal data we hold',
      '"delete my data": ask for your personal data to be erased',
    ]),
  ].join("\n"),
);

/** Confirmation in the language just switched to. */
export const LANGUAGE_CHANGED = localized(
  "Bahasa diubah ke Bahasa Indonesia.",
  "Language changed to English.",
);

export const NOTHING_TO_CANCEL = localized(
  "Tidak ada proses yang sedang berjalan.",
  "Nothing is in progress.",
);

export const FLOW_CANCELLED = localized("Baik, dibatalkan.", "All right, cancelled.");

/** Said when stickers, voice notes, videos, locations or unknown files arrive. */
export function unsupportedInput(expectsDocument: boolean): Localized {
  return perLanguage((language) => {
    const head =
      language === "id"
        ? "Maaf, kami tidak dapat memproses stiker, pesan suara, video, lokasi, atau jenis file tersebut."
        : "Sorry, we cannot process stickers, voice notes, videos, locations or that kind of file.";
    const accepted =
      language === "id"
        ? expectsDocument
          ? "Pada langkah ini kami menerima foto (JPG, PNG atau WEBP) atau dokumen PDF bila disebutkan."
          : "Mohon balas dengan pesan teks."
        : expectsDocument
          ? "At this step we accept photos (JPG, PNG or WEBP), or PDF documents where stated."
          : "Please reply with a text message.";
    return `${head} ${accepted}`;
  });
}
