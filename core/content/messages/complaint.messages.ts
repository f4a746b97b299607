import { type Localized, localized, perLanguage } from "../language.ts";
import { COMPLAINT_CHANNELS, OFFICE } from "../service-standard.content.ts";
import { APPLY_CHOICE } from "./common.messages.ts";

/** Lists the channels of the standard, then invites the complaint right here. */
export function complaintIntro(officeEmail: string, minChars: number): Localized {
  return perLanguage((language) => {
    const channels = COMPLAINT_CHANNELS.map((channel, index) => {
      const extra =
        channel.id === "EMAIL"
          ? ` (${officeEmail})`
          : channel.id === "TATAP_MUKA"
            ? language === "id"
              ? ` di kantor LPSE, ${OFFICE.address}`
              : ` at the LPSE office, ${OFFICE.address}`
            : "";
      return `${index + 1}) ${channel.label[language]}${extra}`;
    }).join("\n");
    return language === "id"
      ? [
          "Pengaduan layanan. Pengaduan tentang pelayanan kami dapat disampaikan melalui:",
          channels,
          `Bapak/Ibu juga dapat menuliskan pengaduan di sini (minimal ${minChars} karakter) dan kami teruskan kepada Analis Pelayanan. Untuk kendala aplikasi SPSE, ketik "menu" lalu pilih ${APPLY_CHOICE.id}. Ketik "batal" untuk membatalkan.`,
        ].join("\n\n")
      : [
          "Service complaints. You can send a complaint about our service through:",
          channels,
          `You can also write your complaint here (at least ${minChars} characters) and we will pass it to the Service Analyst. For problems with the SPSE application, type "menu" and choose ${APPLY_CHOICE.en} instead. Type "cancel" to cancel.`,
        ].join("\n\n");
  });
}

export function complaintTooShort(min: number): Localized {
  return localized(
    `Pengaduan terlalu singkat. Mohon jelaskan lebih rinci (minimal ${min} karakter).\nContoh: Permohonan saya minggu lalu belum ditanggapi sampai sekarang.`,
    `The complaint is too short. Please give more detail (at least ${min} characters).\nExample: My request from last week has not been answered yet.`,
  );
}

export function complaintTooLong(max: number): Localized {
  return localized(
    `Pengaduan terlalu panjang (maksimal ${max} karakter). Mohon ringkas isinya.`,
    `The complaint is too long (at most ${max} characters). Please shorten it.`,
  );
}

export const COMPLAINT_EXPECTS_TEXT = localized(
  "Mohon tuliskan pengaduan dalam bentuk pesan teks.",
  "Please write the complaint as a text message.",
);
