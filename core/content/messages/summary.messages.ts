import { type Localized, localized } from "../language.ts";
import type { OptionText } from "./common.messages.ts";

export const SUMMARY_HEADER = localized(
  "Mohon periksa ringkasan permohonan Bapak/Ibu:",
  "Please check the summary of your request:",
);

export const SUMMARY_FOOTER = localized(
  "Apakah data di atas sudah benar?",
  "Is everything above correct?",
);

export const SUMMARY_OPTIONS = {
  confirm: {
    label: localized("Kirim permohonan", "Submit the request"),
    aliases: [
      "kirim",
      "ya",
      "iya",
      "benar",
      "sudah benar",
      "ok",
      "oke",
      "send",
      "submit",
      "confirm",
      "yes",
    ],
  },
  edit: {
    label: localized("Ubah data", "Change an answer"),
    aliases: ["ubah", "edit", "perbaiki", "ganti", "koreksi", "change", "correct"],
  },
  cancel: {
    label: localized("Batalkan permohonan", "Cancel the request"),
    aliases: [],
  },
} as const satisfies Record<string, OptionText>;

export const EDIT_PROMPT = localized(
  "Data mana yang ingin Bapak/Ibu ubah?",
  "Which answer would you like to change?",
);

export const DOCUMENT_RECEIVED = localized("sudah diterima", "received");

export function fileCount(count: number): Localized {
  return localized(`${count} gambar`, `${count} image(s)`);
}

/** `when` as users read it (core/content/dates.content.ts). */
export function consentGivenAt(when: Localized): Localized {
  return localized(`diberikan ${when.id}`, `given ${when.en}`);
}
