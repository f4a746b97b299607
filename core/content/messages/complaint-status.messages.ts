// A service complaint once written: its number, who handles it and by when
// the office answers, its status on "status ADU-…", and the answer itself.
import { type Localized, localized } from "../language.ts";
import { bold, plain } from "../markup.ts";

export type ComplaintStatus = "BARU" | "DITANGGAPI" | "SELESAI";

/** Who handles complaints under the service standard. */
export const COMPLAINT_HANDLER = localized(
  "Analis Pelayanan LPSE Kabupaten Landak",
  "the Service Analyst (Analis Pelayanan) of LPSE Kabupaten Landak",
);

export function complaintFiled(number: string, dueDate: Localized, days: number): Localized {
  return localized(
    [
      `Terima kasih. Pengaduan Bapak/Ibu telah kami terima dengan nomor:\n${bold(number)}`,
      `Pengaduan ditangani oleh ${COMPLAINT_HANDLER.id}. Tanggapan kami sampaikan di percakapan ini paling lambat ${dueDate.id} (${days} hari kerja).`,
      `Untuk mengecek, ketik: ${bold(`status ${number}`)}\nKetik ${bold("menu")} untuk kembali ke menu utama.`,
    ].join("\n\n"),
    [
      `Thank you. We have received your complaint with number:\n${bold(number)}`,
      `It is handled by ${COMPLAINT_HANDLER.en}. We will answer in this chat by ${dueDate.en} at the latest (${days} working days).`,
      `To check on it, type: ${bold(`status ${number}`)}\nType ${bold("menu")} to go back to the main menu.`,
    ].join("\n\n"),
  );
}

const STATUS_TEXT: Readonly<Record<ComplaintStatus, Localized>> = {
  BARU: localized(
    "Diterima, sedang ditelaah oleh Analis Pelayanan",
    "Received, being reviewed by the Service Analyst",
  ),
  DITANGGAPI: localized("Sudah ditanggapi", "Answered"),
  SELESAI: localized("Selesai", "Closed"),
};

export function complaintStatus(input: {
  number: string;
  status: ComplaintStatus;
  dueDate: Localized | null;
  outcome: string | null;
}): Localized {
  const { number, status, dueDate, outcome } = input;
  const answer = outcome === null ? null : plain(outcome);
  return localized(
    [
      `Status pengaduan ${bold(number)}: ${STATUS_TEXT[status].id}`,
      ...(status === "BARU" && dueDate !== null ? [`Tanggapan paling lambat ${dueDate.id}.`] : []),
      ...(answer === null ? [] : [`Tanggapan: ${answer}`]),
    ].join("\n"),
    [
      `Status of complaint ${bold(number)}: ${STATUS_TEXT[status].en}`,
      ...(status === "BARU" && dueDate !== null ? [`Answer due by ${dueDate.en}.`] : []),
      ...(answer === null ? [] : [`Answer: ${answer}`]),
    ].join("\n"),
  );
}

export function complaintNotFound(number: string): Localized {
  return localized(
    `Pengaduan ${number} tidak ditemukan, atau tidak terdaftar atas kontak Bapak/Ibu. Mohon periksa kembali nomornya (contoh: ADU-2026-00001).`,
    `Complaint ${number} was not found, or it is not registered to your contact. Please check the number (example: ADU-2026-00001).`,
  );
}

/** Sent to the user when the analyst records the outcome; `outcome` is the analyst's words. */
export function complaintAnswered(
  number: string,
  status: ComplaintStatus,
  outcome: string,
): Localized {
  const answer = plain(outcome);
  return localized(
    [
      `Tanggapan atas pengaduan ${bold(number)} dari ${COMPLAINT_HANDLER.id}:`,
      answer,
      status === "SELESAI"
        ? "Pengaduan ini kami nyatakan selesai. Terima kasih atas masukan Bapak/Ibu."
        : "Pengaduan ini masih kami tindak lanjuti.",
    ].join("\n\n"),
    [
      `An answer to complaint ${bold(number)} from ${COMPLAINT_HANDLER.en}:`,
      answer,
      status === "SELESAI"
        ? "We consider this complaint closed. Thank you for your feedback."
        : "We are still following this complaint up.",
    ].join("\n\n"),
  );
}
