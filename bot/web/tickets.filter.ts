// The filters of /konsol/tiket and /konsol/tiket.csv, as read from the query
// string (GET) or the search form (POST). Only values that say nothing about a
// person: the name, phone and NIK searches are in tickets.search.ts, posted.
import { z } from "zod";
import { CHANNELS } from "../../core/contracts/messages.ts";
import { SLA_STAGES } from "../../core/domain/sla/sla.clock.ts";
import { CategoryIdSchema } from "../../core/domain/ticket/ticket.catalog.ts";
import {
  PRIORITIES,
  TEAMS,
  TICKET_INTAKES,
  TICKET_STATUSES,
} from "../../core/domain/ticket/ticket.enums.ts";

/** Where a running clock stands (sla-state.ts): on time, near its deadline, late. */
export const SLA_STATES = ["TEPAT_WAKTU", "MENDEKATI", "TERLAMBAT"] as const;
export type SlaStateFilter = (typeof SLA_STATES)[number];

const blankAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess(blankAsUndefined, schema.optional());
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/u)
  .refine(isRealDay);

function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}

export const TicketFilterSchema = z
  .object({
    status: optional(z.enum(TICKET_STATUSES)),
    tahap: optional(z.enum(SLA_STAGES)),
    tim: optional(z.enum(TEAMS)),
    kategori: optional(CategoryIdSchema),
    kanal: optional(z.enum(CHANNELS)),
    asal: optional(z.enum(TICKET_INTAKES)),
    prioritas: optional(z.enum(PRIORITIES)),
    sla: optional(z.enum(SLA_STATES)),
    petugas: optional(z.string().uuid()),
    dari: optional(isoDay),
    sampai: optional(isoDay),
    nomor: optional(
      z
        .string()
        .max(40)
        .transform((s) => s.trim().toUpperCase()),
    ),
    halaman: z.coerce.number().int().min(1).max(10_000).catch(1),
  })
  .refine((f) => !f.dari || !f.sampai || f.dari <= f.sampai, { path: ["sampai"] });
export type TicketFilter = z.infer<typeof TicketFilterSchema>;

/** The filter fields in the order of the form (and of the query string). */
export const FILTER_FIELDS = [
  "nomor",
  "status",
  "tahap",
  "tim",
  "kategori",
  "kanal",
  "asal",
  "prioritas",
  "sla",
  "petugas",
  "dari",
  "sampai",
] as const satisfies readonly (keyof TicketFilter)[];

const FIELD_MESSAGES: Record<string, string> = {
  status: "Status tidak dikenal.",
  tahap: "Tahap tidak dikenal.",
  tim: "Tim tidak dikenal.",
  kategori: "Kategori tidak dikenal.",
  kanal: "Kanal tidak dikenal.",
  asal: "Asal permohonan tidak dikenal.",
  prioritas: "Prioritas tidak dikenal.",
  sla: "Status waktu layanan tidak dikenal.",
  petugas: "Petugas tidak dikenal.",
  dari: "Tanggal awal tidak valid (format TTTT-BB-HH).",
  sampai: "Tanggal akhir tidak valid (format TTTT-BB-HH) atau lebih awal daripada tanggal awal.",
  nomor: "Nomor tiket terlalu panjang.",
};

/** A parsed filter, or the first problem as a sentence for the agent. */
export function parseTicketFilter(
  input: unknown,
): { ok: true; filter: TicketFilter } | { ok: false; message: string } {
  const parsed = TicketFilterSchema.safeParse(input ?? {});
  if (parsed.success) return { ok: true, filter: parsed.data };
  const field = String(parsed.error.issues[0]?.path[0] ?? "");
  return { ok: false, message: FIELD_MESSAGES[field] ?? "Saringan tidak dikenal." };
}

/** The query string of a filter (paging and the CSV link keep the filters). */
export function filterQuery(filter: TicketFilter, halaman?: number): string {
  const query = new URLSearchParams();
  for (const field of FILTER_FIELDS) {
    const value = filter[field];
    if (value) query.set(field, value);
  }
  if (halaman) query.set("halaman", String(halaman));
  return query.toString();
}

// WIB has no daylight saving: a day in Asia/Jakarta is [00:00+07:00, next 00:00+07:00).
const WIB_OFFSET = "+07:00";
export const wibDayStart = (day: string) => new Date(`${day}T00:00:00.000${WIB_OFFSET}`);
export const wibNextDayStart = (day: string) =>
  new Date(wibDayStart(day).getTime() + 24 * 60 * 60_000);

/** The WIB calendar day of an instant, as YYYY-MM-DD. */
export function wibDay(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" }).format(at);
}
