// Holidays are configuration (HOLIDAYS, BUSINESS_CALENDAR_FILE, HOLIDAYS_FILE):
// there is no built-in table, so a year nobody listed counts its holidays as
// working time and service times run through them. These are the years the
// office should have listed by now: the current one, and from November the
// coming one too (the SKB 3 Menteri for the next year usually appears in
// September to November).
import type { BusinessCalendar } from "./business-calendar.schema.ts";
import { localDate } from "./business-calendar.ts";

/** From this month on (1-12), the coming year's holidays are expected too. */
export const NEXT_YEAR_EXPECTED_FROM_MONTH = 11;

/** The years (current, and from November the next) that have no holiday in the calendar. */
export function yearsWithoutHolidays(calendar: BusinessCalendar, at: Date): number[] {
  const [year = 0, month = 1] = localDate(at, calendar).split("-").map(Number);
  const expected = month >= NEXT_YEAR_EXPECTED_FROM_MONTH ? [year, year + 1] : [year];
  return expected.filter((y) => !calendar.holidays.some((date) => date.startsWith(`${y}-`)));
}
