import type { Localized } from "./language.ts";

/**
 * Standar Pelayanan "Pelayanan Penanganan Masalah Pengguna", LPSE Kabupaten Landak
 * (SK No. 008/UMUM/TAHUN 2022), as data. Indonesian texts are verbatim from the
 * standard; English texts are translations for the bot.
 */

export interface ServiceRequirement {
  readonly id: "KTP" | "SURAT_KUASA" | "PERMOHONAN" | "SCREENSHOT";
  readonly label: Localized;
}

/** One step of the procedure and its service time; `maxMinutes: null` means "until resolved". */
export interface ProcedureStep {
  readonly id: "a" | "b" | "c" | "d";
  readonly actor: Localized;
  readonly description: Localized;
  readonly minMinutes: number;
  readonly maxMinutes: number | null;
  readonly time: Localized;
}

export interface ComplaintChannel {
  readonly id: "TATAP_MUKA" | "KOTAK_PENGADUAN" | "HELPDESK" | "EMAIL";
  readonly label: Localized;
}

export const OFFICE = {
  unit: "LPSE Kabupaten Landak",
  name: {
    id: "Bagian Pengadaan Barang dan Jasa, Sekretariat Daerah, Pemerintah Kabupaten Landak",
    en: "Procurement of Goods and Services Division, Regional Secretariat, Landak Regency Government",
  },
  address: "Jalan Raya Ngabang – Pontianak KM.3, Ngabang, Landak, Kalimantan Barat 79357",
  phone: "0811579941",
  phoneE164: "+62811579941",
  website: "http://lpse.landakkab.go.id",
} as const;

export const SERVICE = {
  name: {
    id: "Pelayanan Penanganan Masalah Pengguna",
    en: "User Problem Handling Service",
  },
  decreeNumber: "008/UMUM/TAHUN 2022",
  cost: { id: "Tidak dipungut biaya", en: "Free of charge" },
  product: { id: "Penanganan Masalah Pengguna", en: "Handling of user problems" },
} as const satisfies Record<string, Localized | string>;

export const REQUIREMENTS: readonly ServiceRequirement[] = [
  { id: "KTP", label: { id: "KTP", en: "Identity card (KTP)" } },
  {
    id: "SURAT_KUASA",
    label: {
      id: "Surat Kuasa apabila diperlukan",
      en: "Power of attorney (surat kuasa), if needed",
    },
  },
  {
    id: "PERMOHONAN",
    label: { id: "Permohonan penanganan", en: "Request for handling" },
  },
  {
    id: "SCREENSHOT",
    label: { id: "Screenshot permasalahan", en: "Screenshot of the problem" },
  },
];

export const PROCEDURE: readonly ProcedureStep[] = [
  {
    id: "a",
    actor: { id: "Pengguna", en: "User" },
    description: {
      id: "Pengguna mengirimkan permohonan penanganan melalui email atau datang langsung ke LPSE",
      en: "The user sends a request for handling by e-mail or comes to the LPSE in person",
    },
    minMinutes: 1,
    maxMinutes: 5,
    time: { id: "1-5 menit", en: "1-5 minutes" },
  },
  {
    id: "b",
    actor: { id: "Helpdesk", en: "Helpdesk" },
    description: {
      id: "Helpdesk menerima dan memeriksa permohonan dan meneruskan kepada Bidang yang menangani",
      en: "The helpdesk receives and checks the request and forwards it to the unit in charge",
    },
    minMinutes: 1,
    maxMinutes: 15,
    time: { id: "1-15 menit", en: "1-15 minutes" },
  },
  {
    id: "c",
    actor: { id: "Verifikator/Admin/Bidang", en: "Verifier/Admin/Unit" },
    description: {
      id: "Verifikator/Admin/Bidang yang menangani menerima, menganalisa dan menangani sesuai permohonan",
      en: "The verifier, admin or unit in charge receives, analyses and handles the request",
    },
    minMinutes: 1,
    maxMinutes: 15,
    time: { id: "1-15 menit", en: "1-15 minutes" },
  },
  {
    id: "d",
    actor: { id: "IT LKPP", en: "LKPP IT" },
    description: {
      id: "IT LKPP menangani permasalahan pengguna dan mengeluarkan Surat Keterangan Gangguan LPSE",
      en: "LKPP IT handles the user's problem and issues an LPSE disruption statement letter (Surat Keterangan Gangguan)",
    },
    minMinutes: 5,
    maxMinutes: null,
    time: { id: "5 menit - selesai", en: "5 minutes until resolved" },
  },
];

export const COMPLAINT_CHANNELS: readonly ComplaintChannel[] = [
  {
    id: "TATAP_MUKA",
    label: {
      id: "Tatap muka langsung kepada Analis Pelayanan",
      en: "In person, with the Service Analyst (Analis Pelayanan)",
    },
  },
  {
    id: "KOTAK_PENGADUAN",
    label: {
      id: "Tertulis disampaikan ke Kotak Pengaduan",
      en: "In writing, through the complaint box (Kotak Pengaduan)",
    },
  },
  {
    id: "HELPDESK",
    label: { id: `Helpdesk: ${OFFICE.phone}`, en: `Helpdesk: ${OFFICE.phone}` },
  },
  {
    id: "EMAIL",
    label: {
      id: "Tertulis ditujukan ke email LPSE",
      en: "In writing, to the LPSE e-mail address",
    },
  },
];
