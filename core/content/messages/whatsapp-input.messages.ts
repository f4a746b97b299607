// What the bot answers to the ways people really use WhatsApp: view-once
// photos, voice notes, edited and deleted messages.
import { type Localized, localized, perLanguage } from "../language.ts";

export const VIEW_ONCE_REFUSED = localized(
  "Foto sekali lihat tidak dapat kami terima; mohon kirim ulang sebagai foto biasa.",
  "We cannot receive view-once photos; please send it again as a normal photo.",
);

/** A voice note: ask for the same as text (or, at a file step, the file). */
export function voiceNoteRefused(expectsDocument: boolean): Localized {
  return perLanguage((language) =>
    language === "id"
      ? `Mohon maaf, pesan suara belum dapat kami dengarkan. ${
          expectsDocument
            ? "Pada langkah ini mohon kirim foto (JPG, PNG atau WEBP) atau dokumen PDF bila disebutkan."
            : "Mohon tuliskan isi pesan suara tersebut sebagai pesan teks."
        }`
      : `Sorry, we cannot listen to voice notes yet. ${
          expectsDocument
            ? "At this step please send a photo (JPG, PNG or WEBP), or a PDF document where stated."
            : "Please type what you said as a text message."
        }`,
  );
}

export const EDIT_NOT_READ = localized(
  "Mohon maaf, perubahan pada pesan yang sudah terkirim tidak kami baca. Mohon kirim ulang pesan yang benar sebagai pesan baru.",
  "Sorry, we do not read changes to a message already sent. Please send the correct message again as a new message.",
);

/** A file of the draft the user deleted for everyone: gone here too; what to send instead. */
export function draftFileWithdrawn(what: Localized): Localized {
  return perLanguage((language) =>
    language === "id"
      ? `${what.id} yang Bapak/Ibu hapus sudah kami hapus juga dan tidak akan dipakai. Mohon kirim penggantinya saat kami minta.`
      : `${what.en} you deleted is deleted here too and will not be used. Please send a replacement when we ask for it.`,
  );
}

export const FILE_WITHDRAWN = localized(
  "File yang Bapak/Ibu hapus sudah kami hapus juga. Bila petugas masih memerlukannya, mohon kirim file pengganti di sini.",
  "The file you deleted is deleted here too. If our staff still need it, please send a replacement here.",
);

export const WITHDRAWN_FILE_NAMES = {
  ktp: localized("Foto KTP", "The KTP photo"),
  suratKuasa: localized("Surat kuasa", "The power of attorney"),
  screenshots: localized("Tangkapan layar", "The screenshot"),
} as const;
