// A year's national holidays and cuti bersama as the office ships and confirms
// them (core/content/holidays/*.json, named by HOLIDAYS_FILE). A list only
// counts once a person has checked it against the SKB 3 Menteri: unconfirmed
// lists, and confirmed ones still carrying estimated dates, are refused.
import { z } from "zod";
import type { Result } from "../shared/result.ts";
import { err, ok } from "../shared/result.ts";
import { IsoDateSchema } from "./business-calendar.schema.ts";

export const HolidayListSchema = z
  .strictObject({
    $comment: z.string().optional(),
    year: z.number().int().min(2000).max(2200),
    source: z.string().min(1),
    confirmed: z.boolean(),
    days: z
      .array(
        z.strictObject({
          date: IsoDateSchema,
          name: z.string().min(1),
          kind: z.enum(["libur-nasional", "cuti-bersama", "libur-daerah"]),
          /** An astronomical estimate, to be replaced by the SKB's date. */
          estimate: z.boolean().optional(),
        }),
      )
      .min(1),
  })
  .refine((list) => list.days.every((day) => day.date.startsWith(`${list.year}-`)), {
    message: "setiap tanggal harus dalam tahun daftar / every date must lie in the list's year",
  });

/** The list's dates, or why it cannot be used yet (in Bahasa Indonesia and English). */
export function confirmedHolidayDates(raw: unknown): Result<string[], string> {
  const parsed = HolidayListSchema.safeParse(raw);
  if (!parsed.success) return err(parsed.error.issues.map((i) => i.message).join("; "));
  const list = parsed.data;
  const estimates = list.days.filter((day) => day.estimate).map((day) => day.date);
  if (!list.confirmed) {
    return err(
      `daftar libur ${list.year} belum dikonfirmasi: cocokkan dengan SKB 3 Menteri${
        estimates.length ? ` (terutama tanggal perkiraan ${estimates.join(", ")})` : ""
      }, lalu ubah "confirmed" menjadi true / the ${list.year} list is not confirmed yet: check it against the SKB, then set "confirmed": true`,
    );
  }
  if (estimates.length > 0) {
    return err(
      `daftar libur ${list.year} masih memuat tanggal perkiraan ${estimates.join(", ")}: ganti dengan tanggal SKB dan hapus tanda "estimate" / still holds estimated dates: replace them with the SKB's and drop "estimate"`,
    );
  }
  return ok(list.days.map((day) => day.date));
}
