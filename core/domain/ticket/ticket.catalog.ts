// Problem categories and applicant roles as the conversation collects them.
// Categories are configurable (the list lives in content/config), so the domain
// only checks their shape; the ids below are the ones shipped by default.
import { z } from "zod";

export const DEFAULT_CATEGORY_IDS = [
  "lupa_password",
  "registrasi_aktivasi",
  "verifikasi_penyedia",
  "perubahan_email",
  "kendala_otp",
  "gagal_unggah_penawaran",
  "error_spse",
  "surat_keterangan_gangguan",
  "lainnya",
] as const;

/** A category id: lower-case slug, as stored in `tickets.category`. */
export const CategoryIdSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,63}$/,
    "id kategori harus huruf kecil, angka dan _ / category id must be lower-case letters, digits and _",
  );
export type CategoryId = z.infer<typeof CategoryIdSchema>;

export const USER_ROLES = [
  "penyedia",
  "ppk",
  "pokja",
  "pejabat_pengadaan",
  "auditor",
  "lainnya",
] as const;
export const UserRoleSchema = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof UserRoleSchema>;
