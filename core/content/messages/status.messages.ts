import { type Localized, localized } from "../language.ts";

export const STATUS_ASK = localized(
  "Mohon kirim nomor tiket Bapak/Ibu.\nFormat: LDK-TAHUN-NOMOR, contoh: LDK-2026-00042\nUntuk pengaduan layanan: ADU-TAHUN-NOMOR, contoh: ADU-2026-00001",
  "Please send your ticket number.\nFormat: LDK-YEAR-NUMBER, for example: LDK-2026-00042\nFor a service complaint: ADU-YEAR-NUMBER, for example: ADU-2026-00001",
);

export const STATUS_FORMAT_ERROR = localized(
  "Format nomor tiket belum sesuai. Nomor tiket terdiri dari LDK, tahun 4 angka dan nomor urut 5 angka (pengaduan: ADU).\nContoh: LDK-2026-00042",
  "That is not a ticket number. A ticket number has LDK, a 4-digit year and a 5-digit sequence number (a complaint: ADU).\nExample: LDK-2026-00042",
);

export function statusFound(
  ticketNumber: string,
  label: Localized,
  explanation: Localized,
  updatedAt: Localized | null,
): Localized {
  return localized(
    [
      `Status tiket ${ticketNumber}: ${label.id}`,
      explanation.id,
      ...(updatedAt === null ? [] : [`Terakhir diperbarui: ${updatedAt.id}`]),
    ].join("\n"),
    [
      `Status of ticket ${ticketNumber}: ${label.en}`,
      explanation.en,
      ...(updatedAt === null ? [] : [`Last updated: ${updatedAt.en}`]),
    ].join("\n"),
  );
}

export function statusNotFound(ticketNumber: string): Localized {
  return localized(
    `Tiket ${ticketNumber} tidak ditemukan, atau tiket tersebut tidak terdaftar atas kontak Bapak/Ibu. Mohon periksa kembali nomor tiket (contoh: LDK-2026-00042), atau ketik "petugas" untuk bantuan.`,
    `Ticket ${ticketNumber} was not found, or it is not registered to your contact. Please check the ticket number (example: LDK-2026-00042), or type "agent" for help.`,
  );
}
