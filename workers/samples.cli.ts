// `npm run samples`: writes one sample of every generated document into
// ./samples/ from fixed, made-up data (no database): the request form, the
// disruption letter as a preview and as issued, the monthly report PDF and
// its CSV. For checking the layout after a change, and for showing the office.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { monthlyReportFileBase } from "../core/content/messages/documents.messages.ts";
import { renderDisruptionLetter } from "../core/documents/disruption-letter.pdf.ts";
import { formatLetterNumber } from "../core/documents/letter-number.ts";
import { monthlyReportCsv } from "../core/documents/monthly-report.csv.ts";
import type { MonthlyReport } from "../core/documents/monthly-report.model.ts";
import { renderMonthlyReportPdf } from "../core/documents/monthly-report.pdf.ts";
import { monthlyReportSummary } from "../core/documents/monthly-report.summary.ts";
import { renderRequestForm } from "../core/documents/request-form.pdf.ts";
import { maskNikForUser, maskPhoneForUser } from "../core/domain/privacy/mask.ts";
import { computeIkm } from "../core/domain/survey/ikm.ts";

const OUT = path.resolve(process.argv[2] ?? "samples");
const office = {
  name: "LPSE Kabupaten Landak",
  address: "Jl. Pangeran Cinata, Ngabang, Kabupaten Landak, Kalimantan Barat",
};
// 2 December 2026, 09:30 WIB.
const at = new Date("2026-12-02T02:30:00Z");

const signer = {
  name: "Contoh Nama Kepala",
  position: "Kepala LPSE Kabupaten Landak",
  nip: "197001012000031001",
};
const letter = {
  office,
  issuedAt: at,
  ticketNumber: "LDK-2026-00042",
  tenderCode: "10012345000",
  disruptionStart: new Date("2026-12-01T06:00:00Z"),
  disruptionEnd: new Date("2026-12-01T09:15:00Z"),
  affectedParties: "Seluruh peserta tender paket 10012345000 (Pembangunan Jalan Desa Contoh)",
  signer,
};

const ikm = computeIkm([
  [4, 3, 3, 4, 3, 4, 4, 3, 3],
  [3, 3, 2, 4, 3, 3, 4, 3, 3],
  [4, 4, 3, 4, 4, 4, 4, 4, 3],
  [3, 3, 3, 4, 3, 3, 3, 3, 3],
]);
const report: MonthlyReport = {
  month: "2026-11",
  monthLabel: "November 2026",
  start: new Date("2026-10-31T17:00:00Z"),
  end: new Date("2026-11-30T17:00:00Z"),
  generatedAt: at,
  office,
  tickets: {
    total: 23,
    byCategory: [
      { key: "LUPA_PASSWORD", label: "Lupa password / reset akun", count: 8 },
      { key: "GAGAL_UNGGAH_PENAWARAN", label: "Gagal unggah dokumen penawaran", count: 5 },
      { key: "REGISTRASI_AKUN", label: "Registrasi atau aktivasi akun", count: 4 },
      { key: "KENDALA_OTP", label: "Kendala kode OTP/authenticator", count: 3 },
      { key: "SURAT_KETERANGAN_GANGGUAN", label: "Permohonan surat keterangan gangguan", count: 2 },
      { key: "LAINNYA", label: "Lainnya", count: 1 },
    ],
    byChannel: [
      { key: "WHATSAPP", label: "WhatsApp", count: 17 },
      { key: "TELEGRAM", label: "Telegram", count: 6 },
    ],
    byStatus: [
      { key: "DITUTUP", label: "Ditutup", count: 14 },
      { key: "SELESAI", label: "Selesai", count: 5 },
      { key: "DIPROSES", label: "Sedang diproses", count: 3 },
      { key: "DITOLAK", label: "Ditolak", count: 1 },
    ],
  },
  compliance: {
    stages: [
      { stage: "HELPDESK", label: "Pemeriksaan Helpdesk", finished: 22, onTime: 20, rate: 20 / 22 },
      {
        stage: "TEAM",
        label: "Penanganan Verifikator/Admin/Bidang",
        finished: 19,
        onTime: 15,
        rate: 15 / 19,
      },
    ],
    overall: { stage: "TOTAL", label: "Seluruh tahap", finished: 41, onTime: 35, rate: 35 / 41 },
  },
  handling: { resolved: 19, medianMinutes: 95, p90Minutes: 1260 },
  ikm,
  complaints: {
    total: 2,
    byStatus: [
      { key: "SELESAI", label: "Selesai", count: 1 },
      { key: "DITANGGAPI", label: "Ditanggapi", count: 1 },
      { key: "BARU", label: "Baru", count: 0 },
    ],
  },
};

await mkdir(OUT, { recursive: true });
const files: [string, Buffer | string][] = [
  [
    "formulir-permohonan.pdf",
    await renderRequestForm({
      language: "id",
      office,
      ticketNumber: "LDK-2026-00042",
      submittedAt: at,
      applicant: {
        name: "Siti Aminah (contoh)",
        maskedNik: maskNikForUser("6171054101900003"),
        role: "Penyedia (pelaku usaha)",
        organisation: "CV Contoh Kapuas",
        email: "siti@example.com",
        maskedPhone: maskPhoneForUser("+6281234567890"),
      },
      category: "Gagal unggah dokumen penawaran",
      tenderCode: "10012345000",
      bidDeadline: new Date("2026-12-03T09:00:00Z"),
      actingForOther: false,
      description:
        "Saat mengunggah dokumen penawaran muncul pesan galat dan unggahan berhenti di 90%. Sudah dicoba tiga kali dengan peramban berbeda.",
      attachments: [
        { label: "Foto KTP", count: 1 },
        { label: "Screenshot permasalahan", count: 2 },
      ],
      consentAt: new Date("2026-12-02T02:21:00Z"),
    }),
  ],
  [
    "surat-keterangan-gangguan-pratinjau.pdf",
    await renderDisruptionLetter({ ...letter, number: null }),
  ],
  [
    "surat-keterangan-gangguan-terbit.pdf",
    await renderDisruptionLetter({
      ...letter,
      number: formatLetterNumber("{seq}/SKG/LPSE-LDK/{year}", 1, 2026),
    }),
  ],
  [`${monthlyReportFileBase(report.month)}.pdf`, await renderMonthlyReportPdf(report)],
  [`${monthlyReportFileBase(report.month)}.csv`, monthlyReportCsv(report)],
  [`${monthlyReportFileBase(report.month)}.txt`, `${monthlyReportSummary(report)}\n`],
];
for (const [name, content] of files) {
  const file = path.join(OUT, name);
  await writeFile(file, content);
  console.log(`  ${file}`);
}
console.log(`Contoh dokumen ditulis ke / sample documents written to ${OUT}`);
