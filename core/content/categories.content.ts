import type { Localized } from "./language.ts";

/**
 * What a category needs besides the common answers: KTP photo, screenshots of
 * the problem, the tender/package code, the bid deadline. A surat kuasa is
 * asked whenever the user acts for someone else, whatever the category.
 */
export const CATEGORY_REQUIREMENTS = ["KTP", "SCREENSHOT", "TENDER_CODE", "BID_DEADLINE"] as const;
export type CategoryRequirement = (typeof CATEGORY_REQUIREMENTS)[number];

export interface CategoryDefinition {
  /** Stable id stored on tickets; never reuse an id for another meaning. */
  readonly id: string;
  readonly label: Localized;
  /** Extra words users type for this category, in either language. */
  readonly keywords: readonly string[];
  readonly requires: readonly CategoryRequirement[];
}

const IDENTITY_AND_EVIDENCE = ["KTP", "SCREENSHOT"] as const satisfies CategoryRequirement[];

export const DEFAULT_CATEGORIES: readonly CategoryDefinition[] = [
  {
    id: "LUPA_PASSWORD",
    label: { id: "Lupa password / reset akun", en: "Forgotten password / account reset" },
    keywords: ["password", "kata sandi", "sandi", "reset", "lupa", "forgot"],
    requires: IDENTITY_AND_EVIDENCE,
  },
  {
    id: "REGISTRASI_AKUN",
    label: { id: "Registrasi atau aktivasi akun", en: "Account registration or activation" },
    keywords: ["registrasi", "daftar", "pendaftaran", "aktivasi", "register", "activation"],
    requires: IDENTITY_AND_EVIDENCE,
  },
  {
    id: "DATA_PENYEDIA",
    label: {
      id: "Verifikasi atau perubahan data penyedia",
      en: "Vendor data verification or change",
    },
    keywords: ["verifikasi", "data penyedia", "perubahan data", "verification"],
    requires: IDENTITY_AND_EVIDENCE,
  },
  {
    id: "PERUBAHAN_EMAIL",
    label: { id: "Perubahan e-mail akun", en: "Change of account e-mail" },
    keywords: ["email", "ganti email", "ubah email", "change email"],
    requires: IDENTITY_AND_EVIDENCE,
  },
  {
    id: "KENDALA_OTP",
    label: { id: "Kendala kode OTP/authenticator", en: "OTP code / authenticator problem" },
    keywords: ["otp", "authenticator", "2fa", "kode otp"],
    requires: IDENTITY_AND_EVIDENCE,
  },
  {
    id: "GAGAL_UNGGAH_PENAWARAN",
    label: { id: "Gagal unggah dokumen penawaran", en: "Bid document upload failure" },
    keywords: ["upload", "unggah", "gagal upload", "gagal unggah", "penawaran", "bid"],
    requires: [...IDENTITY_AND_EVIDENCE, "TENDER_CODE", "BID_DEADLINE"],
  },
  {
    id: "ERROR_APLIKASI",
    label: { id: "Error aplikasi SPSE", en: "SPSE application error" },
    keywords: ["error", "eror", "aplikasi", "spse", "bug"],
    requires: IDENTITY_AND_EVIDENCE,
  },
  {
    id: "SURAT_KETERANGAN_GANGGUAN",
    label: {
      id: "Permohonan surat keterangan gangguan",
      en: "Request for a disruption statement letter (surat keterangan gangguan)",
    },
    keywords: ["gangguan", "surat keterangan", "surat gangguan", "disruption"],
    requires: [...IDENTITY_AND_EVIDENCE, "TENDER_CODE"],
  },
  {
    id: "LAINNYA",
    label: { id: "Lainnya", en: "Other" },
    keywords: ["lain", "lain lain", "other", "others"],
    requires: IDENTITY_AND_EVIDENCE,
  },
];
