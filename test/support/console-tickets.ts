// Tickets for the console's list, search, CSV and SLA board tests: filed as
// the intake files them, then given the fields a test needs. Times come from
// the fixture's clock, so nothing depends on the hour or the time zone.
import type { TicketDraft } from "../../core/domain/conversation/index.ts";
import {
  type BusinessCalendar,
  BusinessCalendarSchema,
} from "../../core/domain/sla/business-calendar.schema.ts";
import type { Database, Prisma } from "../../core/infra/db.ts";
import { newTicket } from "./app.ts";

const allDay = [{ start: "00:00", end: "24:00" }];
/** Open round the clock: business minutes are plain minutes, whatever the hour. */
export const ALWAYS_OPEN: BusinessCalendar = BusinessCalendarSchema.parse({
  weeklyHours: {
    sunday: allDay,
    monday: allDay,
    tuesday: allDay,
    wednesday: allDay,
    thursday: allDay,
    friday: allDay,
    saturday: allDay,
  },
});

export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

/** The WIB calendar day of an instant (YYYY-MM-DD). */
export const wibDayOf = (at: Date | number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" }).format(at);
/** Noon (WIB) of the day `at` falls on: far from both ends of the day. */
export const wibNoonOf = (at: number) => new Date(`${wibDayOf(at)}T12:00:00.000+07:00`).getTime();

export async function seedTicket(
  db: Database,
  opts: {
    createdAt: Date;
    channel?: "TELEGRAM" | "CONSOLE" | "WHATSAPP";
    draft?: Partial<TicketDraft>;
    set?: Prisma.TicketUncheckedUpdateInput;
  },
) {
  const made = await newTicket(db, opts.createdAt, opts.draft ?? {}, opts.channel ?? "TELEGRAM");
  return db.prisma.ticket.update({
    where: { id: made.ticketId },
    data: {
      createdAt: opts.createdAt,
      slaStage: null,
      slaDueAt: null,
      slaPausedAt: null,
      ...opts.set,
    },
  });
}

/** The ticket numbers in a console table (the first cell of each row). */
export const numbersIn = (body: string) =>
  [...body.matchAll(/<tr><td><a href="\/konsol\/tiket\/[^"]+">([^<]+)<\/a><\/td>/gu)]
    .map((m) => m[1] ?? "")
    .sort();
