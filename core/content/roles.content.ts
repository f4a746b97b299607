import type { Localized } from "./language.ts";

export const ROLE_IDS = [
  "PENYEDIA",
  "PPK",
  "POKJA_PEMILIHAN",
  "PEJABAT_PENGADAAN",
  "AUDITOR",
  "LAINNYA",
] as const;
export type RoleId = (typeof ROLE_IDS)[number];

/** Vendors name a company; officials and auditors name a government agency. */
export type OrganisationKind = "company" | "agency" | "either";

export interface RoleDefinition {
  readonly id: RoleId;
  readonly label: Localized;
  readonly keywords: readonly string[];
  readonly organisation: OrganisationKind;
}

export const ROLES: readonly RoleDefinition[] = [
  {
    id: "PENYEDIA",
    label: { id: "Penyedia (pelaku usaha)", en: "Vendor (supplier)" },
    keywords: ["penyedia", "vendor", "rekanan", "supplier", "perusahaan", "pelaku usaha"],
    organisation: "company",
  },
  {
    id: "PPK",
    label: {
      id: "PPK (Pejabat Pembuat Komitmen)",
      en: "PPK (Commitment-Making Officer)",
    },
    keywords: ["ppk", "pejabat pembuat komitmen"],
    organisation: "agency",
  },
  {
    id: "POKJA_PEMILIHAN",
    label: { id: "Pokja Pemilihan", en: "Selection working group (Pokja Pemilihan)" },
    keywords: ["pokja", "ukpbj"],
    organisation: "agency",
  },
  {
    id: "PEJABAT_PENGADAAN",
    label: { id: "Pejabat Pengadaan", en: "Procurement officer (Pejabat Pengadaan)" },
    keywords: ["pejabat pengadaan", "pp"],
    organisation: "agency",
  },
  {
    id: "AUDITOR",
    label: { id: "Auditor", en: "Auditor" },
    keywords: ["auditor", "apip", "inspektorat", "bpk", "bpkp"],
    organisation: "agency",
  },
  {
    id: "LAINNYA",
    label: { id: "Lainnya", en: "Other" },
    keywords: ["lain", "lain lain", "other"],
    organisation: "either",
  },
];
