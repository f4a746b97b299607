// The calendar changes made in the web console, laid over the calendar the
// files give (BUSINESS_CALENDAR_FILE, HOLIDAYS_FILE, HOLIDAYS). One change per
// date: a holiday added, a file holiday declared a working day, or other hours
// (a special day). Weekly hours set in the console replace the file's weekday.
// The result passes the same schema as the files (parseBusinessCalendar).
import type { Result } from "../shared/result.ts";
import {
  type BusinessCalendar,
  type BusinessCalendarError,
  parseBusinessCalendar,
  type WEEKDAYS,
  type WorkingInterval,
} from "./business-calendar.schema.ts";

export type Weekday = (typeof WEEKDAYS)[number];

export type CalendarDayChange =
  | { date: string; kind: "HOLIDAY"; name: string }
  | { date: string; kind: "WORKING_DAY" }
  | { date: string; kind: "SPECIAL"; hours: WorkingInterval[] };

export interface CalendarOverrides {
  days: readonly CalendarDayChange[];
  weeklyHours: Readonly<Partial<Record<Weekday, WorkingInterval[]>>>;
}

export const NO_OVERRIDES: CalendarOverrides = { days: [], weeklyHours: {} };

/** Where a calendar comes from at the moment of a computation (a provider, or a fixed value). */
export interface CalendarSource {
  current(): BusinessCalendar;
}

/** A source that never changes (tests, one-off commands). */
export const fixedCalendar = (calendar: BusinessCalendar): CalendarSource => ({
  current: () => calendar,
});

/** The files' calendar with the console's changes; an error when the result is not a valid calendar. */
export function applyCalendarOverrides(
  base: BusinessCalendar,
  overrides: CalendarOverrides,
): Result<BusinessCalendar, BusinessCalendarError> {
  const changed = new Set(overrides.days.map((day) => day.date));
  const added = overrides.days.filter((day) => day.kind === "HOLIDAY").map((day) => day.date);
  const special = overrides.days.flatMap((day) =>
    day.kind === "SPECIAL" ? [{ date: day.date, hours: day.hours }] : [],
  );
  return parseBusinessCalendar({
    utcOffsetMinutes: base.utcOffsetMinutes,
    weeklyHours: { ...base.weeklyHours, ...overrides.weeklyHours },
    holidays: [...base.holidays.filter((date) => !changed.has(date)), ...added].sort(),
    specialDays: [...base.specialDays.filter((day) => !changed.has(day.date)), ...special].sort(
      (a, b) => a.date.localeCompare(b.date),
    ),
  });
}
