// The shipped routing table. Role-specific rules come before the general rule
// of the same category because the first match wins.
import type { RoutingConfig } from "./routing.schema.ts";
import { RoutingConfigSchema } from "./routing.schema.ts";

const defaults: RoutingConfig = {
  rules: [
    {
      id: "akun-non-penyedia",
      description: "Akun non-penyedia (PPK, Pokja, PP, auditor) dibuat dan dikelola Admin LPSE",
      when: {
        categories: ["LUPA_PASSWORD", "PERUBAHAN_EMAIL", "KENDALA_OTP"],
        userRoles: ["PPK", "POKJA_PEMILIHAN", "PEJABAT_PENGADAAN", "AUDITOR"],
      },
      team: "ADMIN",
      priority: "NORMAL",
    },
    {
      id: "lupa-password",
      description: "Helpdesk memandu reset kata sandi mandiri penyedia",
      when: { categories: ["LUPA_PASSWORD"] },
      team: "HELPDESK",
      priority: "NORMAL",
    },
    {
      id: "verifikasi-penyedia",
      description:
        "Registrasi, verifikasi dan perubahan e-mail penyedia memerlukan pemeriksaan dokumen",
      when: { categories: ["REGISTRASI_AKUN", "DATA_PENYEDIA", "PERUBAHAN_EMAIL"] },
      team: "VERIFIKATOR",
      priority: "NORMAL",
    },
    {
      id: "kendala-otp",
      when: { categories: ["KENDALA_OTP"] },
      team: "ADMIN",
      priority: "NORMAL",
    },
    {
      // Base priority only; the bid-deadline tiers below raise it.
      id: "gagal-unggah",
      description: "Kendala unggah penawaran ditangani Admin LPSE",
      when: { categories: ["GAGAL_UNGGAH_PENAWARAN"] },
      team: "ADMIN",
      priority: "NORMAL",
    },
    {
      id: "error-spse-panitia",
      description: "Gangguan saat Pokja/PP bekerja menghambat seluruh paket tender",
      when: { categories: ["ERROR_APLIKASI"], userRoles: ["POKJA_PEMILIHAN", "PEJABAT_PENGADAAN"] },
      team: "ADMIN",
      priority: "TINGGI",
    },
    {
      id: "error-spse",
      when: { categories: ["ERROR_APLIKASI"] },
      team: "ADMIN",
      priority: "NORMAL",
    },
    {
      id: "surat-keterangan-gangguan",
      description: "Surat keterangan gangguan diterbitkan bidang dan ditandatangani pimpinan",
      when: { categories: ["SURAT_KETERANGAN_GANGGUAN"] },
      team: "BIDANG",
      priority: "TINGGI",
    },
  ],
  fallback: { team: "HELPDESK", priority: "NORMAL" },
  deadlineUrgency: {
    categories: ["GAGAL_UNGGAH_PENAWARAN"],
    tiers: [
      { withinMinutes: 24 * 60, priority: "TINGGI" },
      { withinMinutes: 3 * 60, priority: "MENDESAK" },
    ],
  },
};

/** Parsed once so a broken default fails loudly at import, in tests first. */
export const DEFAULT_ROUTING_CONFIG: RoutingConfig = RoutingConfigSchema.parse(defaults);
