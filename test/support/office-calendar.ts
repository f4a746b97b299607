// Business calendars built around the real now, so tests see the office
// open or closed whatever day and hour they run at (no fixed dates).
import type { BusinessCalendarInput } from "../../core/domain/sla/business-calendar.schema.ts";

import { plus, wibDate as wibDateOf, wibDayAt } from "./clock.ts";

/** The WIB calendar date `days` after the one `at` falls on, "YYYY-MM-DD". */
export function wibDate(at: Date, days = 0): string {
  return wibDateOf(plus({ days }, at));
}

/** The instant of a WIB wall time on the date `days` after `at`'s. */
export function wibInstant(at: Date, days: number, hhmm: string): Date {
  return wibDayAt(days, hhmm, at);
}

/** Open around the clock from yesterday to three days on: any service time runs in real time. */
export function openAroundNow(now: Date): BusinessCalendarInput {
  return {
    specialDays: [-1, 0, 1, 2, 3].map((d) => ({
      date: wibDate(now, d),
      hours: [{ start: "00:00", end: "24:00" }],
    })),
  };
}

/**
 * Closed from yesterday for a week (holidays), then one short day a week on:
 * the next opening is `opensAt` (08:00 WIB that day), whatever today is.
 */
export function closedForAWeek(now: Date): { calendar: BusinessCalendarInput; opensAt: Date } {
  return {
    calendar: {
      holidays: [-1, 0, 1, 2, 3, 4, 5, 6].map((d) => wibDate(now, d)),
      specialDays: [{ date: wibDate(now, 7), hours: [{ start: "08:00", end: "12:00" }] }],
    },
    opensAt: wibInstant(now, 7, "08:00"),
  };
}
