// Texts of the generated documents: the request form (the user's receipt, in
// their language), the disruption letter (an official letter, always in
// Bahasa Indonesia) and the monthly report (for office staff).

import { longDateTime } from "../dates.content.ts";
import { type Language, type Localized, localized, perLanguage } from "../language.ts";
import { promptConsent } from "./intake-prompts.messages.ts";

export { longDate, longDateTime, monthName } from "../dates.content.ts";

// --- request form ----------------------------------------------------------

export const REQUEST_FORM = {
  title: "FORMULIR PERMOHONAN PENANGANAN MASALAH PENGGUNA",
  subtitle: localized(
    "Layanan Helpdesk Sistem Pengadaan Secara Elektronik (SPSE)",
    "Request form for handling a user problem (SPSE helpdesk)",
  ),
  ticketNumber: localized("Nomor tiket", "Ticket number"),
  submittedAt: localized("Tanggal permohonan", "Date of request"),
  applicantSection: localized("A. Data Pemohon", "A. Applicant"),
  requestSection: localized("B. Permohonan", "B. Request"),
  attachmentsSection: localized("C. Dokumen Persyaratan", "C. Documents attached"),
  consentSection: localized("D. Pernyataan Persetujuan", "D. Consent statement"),
  name: localized("Nama lengkap", "Full name"),
  nik: localized("NIK", "NIK"),
  role: localized("Peran", "Role"),
  organisation: localized("Perusahaan/instansi", "Company/agency"),
  email: localized("E-mail", "E-mail"),
  phone: localized("Nomor HP", "Mobile number"),
  category: localized("Kategori masalah", "Problem category"),
  tenderCode: localized("Kode tender/paket", "Tender/package code"),
  bidDeadline: localized("Batas akhir penawaran", "Bid deadline"),
  actingForOther: localized("Mewakili orang lain", "Acting for someone else"),
  description: localized("Uraian permasalahan", "Description of the problem"),
  yes: localized("Ya", "Yes"),
  no: localized("Tidak", "No"),
  noAttachments: localized("Tidak ada dokumen terlampir.", "No documents attached."),
  footer: localized(
    "Formulir ini dibuat otomatis oleh layanan Helpdesk sebagai tanda terima permohonan dan sah tanpa tanda tangan. Simpan nomor tiket untuk menanyakan status permohonan.",
    "This form was produced automatically by the helpdesk as the receipt of your request and is valid without a signature. Keep the ticket number to ask about the status of your request.",
  ),
  pageLabel: localized("Halaman", "Page"),
} as const;

/** Names of the attached documents, by attachment kind. */
export const ATTACHMENT_KIND_LABELS: Readonly<Record<string, Localized>> = {
  KTP: localized("Foto KTP", "KTP photo"),
  SURAT_KUASA: localized("Surat kuasa", "Power of attorney (surat kuasa)"),
  REQUEST_LETTER: localized("Surat permohonan", "Request letter"),
  SCREENSHOT: localized("Screenshot permasalahan", "Screenshot of the problem"),
  OTHER: localized("Dokumen lain", "Other document"),
  RELAY: localized("Dokumen susulan", "Document sent later"),
};

/**
 * The consent the user gave in the chat, as the form restates it: the
 * paragraphs of the consent question that say what is processed and how it is
 * kept (one source for both), then when it was given.
 */
export function consentStatement(consentAt: Date): Localized {
  const asked = promptConsent(24);
  return perLanguage((language) => {
    const [, what, kept] = asked[language].split("\n\n");
    const given =
      language === "id"
        ? `Pemohon menyatakan setuju melalui layanan chat pada ${longDateTime(consentAt, language)}.`
        : `The applicant gave consent in the chat on ${longDateTime(consentAt, language)}.`;
    return [what, kept, given].filter(Boolean).join("\n\n");
  });
}

export function requestFormFileName(ticketNumber: string, language: Language): string {
  return language === "id"
    ? `Formulir-Permohonan-${ticketNumber}.pdf`
    : `Request-Form-${ticketNumber}.pdf`;
}

export function requestFormCaption(ticketNumber: string): Localized {
  return localized(
    `Tanda terima permohonan Bapak/Ibu: formulir permohonan tiket ${ticketNumber}. Mohon disimpan.`,
    `Your receipt: the request form of ticket ${ticketNumber}. Please keep it.`,
  );
}

// --- disruption letter -----------------------------------------------------

/** Where the office's letters are signed. */
export const LETTER_PLACE = "Ngabang";

export const DISRUPTION_LETTER = {
  title: "SURAT KETERANGAN GANGGUAN LPSE",
  number: "Nomor",
  previewNumber: "(nomor diberikan saat surat diterbitkan)",
  previewMark: "PRATINJAU / PREVIEW",
  opening: "Yang bertanda tangan di bawah ini:",
  signerName: "Nama",
  signerPosition: "Jabatan",
  signerNip: "NIP",
  statement: (officeName: string) =>
    `menerangkan bahwa pada Sistem Pengadaan Secara Elektronik (SPSE) yang dikelola ${officeName} telah terjadi gangguan dengan keterangan sebagai berikut:`,
  tenderCode: "Kode tender/paket",
  window: "Waktu gangguan",
  duration: "Lama gangguan",
  affectedParties: "Pihak terdampak",
  ticketNumber: "Nomor tiket helpdesk",
  closing:
    "Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.",
  until: "s.d.",
} as const;

/** "3 jam 15 menit" for a duration in minutes. */
export function durationText(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = total % 60;
  const parts = [
    days > 0 ? `${days} hari` : "",
    hours > 0 ? `${hours} jam` : "",
    mins > 0 || total === 0 ? `${mins} menit` : "",
  ];
  return parts.filter(Boolean).join(" ");
}

export function disruptionLetterFileName(number: string | null): string {
  return number === null
    ? "Pratinjau-Surat-Keterangan-Gangguan.pdf"
    : `Surat-Keterangan-Gangguan-${number.replace(/[^A-Za-z0-9-]+/gu, "-")}.pdf`;
}

export function disruptionLetterCaption(number: string, ticketNumber: string): Localized {
  return localized(
    `Surat Keterangan Gangguan LPSE nomor ${number} untuk tiket ${ticketNumber} telah terbit. Mohon disimpan.`,
    `The LPSE disruption statement letter (Surat Keterangan Gangguan) number ${number} for ticket ${ticketNumber} has been issued. Please keep it.`,
  );
}

// --- monthly report ----------------------------------------------------------

export const MONTHLY_REPORT = {
  title: "LAPORAN BULANAN LAYANAN HELPDESK",
  period: "Periode",
  generatedAt: "Dibuat",
  summary: "Ringkasan",
  ticketsSection: "Tiket masuk",
  ticketsTotal: "Tiket masuk",
  medianHandling: "Median waktu penanganan",
  p90Handling: "Persentil ke-90 waktu penanganan",
  byCategory: "Tiket per kategori",
  byChannel: "Tiket per kanal",
  byStatus: "Tiket per status (status saat ini)",
  compliance: "Kepatuhan waktu layanan per tahap",
  complianceChart: "Persentase tahap selesai tepat waktu",
  complianceNote:
    "Tahap yang selesai sebelum batas waktu dibagi seluruh tahap yang selesai dalam bulan ini. Eskalasi LKPP tidak memiliki target waktu.",
  stage: "Tahap",
  finished: "Selesai",
  onTime: "Tepat waktu",
  rate: "Kepatuhan",
  handling: "Waktu penanganan (tiket dibuat sampai selesai)",
  resolved: "Tiket selesai",
  median: "Median",
  p90: "Persentil ke-90",
  ikm: "Indeks Kepuasan Masyarakat (IKM)",
  ikmNote:
    "Dihitung menurut PermenPANRB Nomor 14 Tahun 2017: NRR per unsur × 1/9, dijumlahkan, lalu × 25.",
  respondents: "Responden",
  element: "Unsur",
  nrr: "NRR",
  weighted: "NRR tertimbang",
  value: "Nilai",
  grade: "Mutu",
  ikmChart: "Nilai IKM per unsur (skala 25-100)",
  noSurvey: "Belum ada survei yang selesai pada bulan ini.",
  complaints: "Pengaduan layanan",
  none: "Tidak ada data.",
  count: "Jumlah",
  notApplicable: "-",
  pageLabel: "Halaman",
} as const;

export { SLA_STAGE_LABELS } from "../desk-labels.content.ts";

export const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  WHATSAPP: "WhatsApp",
  TELEGRAM: "Telegram",
  CONSOLE: "Konsol (uji coba)",
  EMAIL: "E-mail",
};

export const COMPLAINT_STATUS_LABELS: Readonly<Record<string, string>> = {
  BARU: "Baru",
  DITANGGAPI: "Ditanggapi",
  SELESAI: "Selesai",
};

export function monthlyReportFileBase(month: string): string {
  return `laporan-bulanan-${month}`;
}
