// Business-time arithmetic on a BusinessCalendar. Instants are Dates (UTC);
// the office day is found by shifting with the fixed UTC offset, so the code
// needs neither Intl nor the host's time zone.
//
// Convention: a business instant that falls on a closing time is reported at
// the earliest wall-clock time, i.e. 15 minutes from Friday 15:45 is Friday
// 16:00, not Monday 07:30. Both mean the same amount of work done.
import type { BusinessCalendar } from "./business-calendar.schema.ts";
import { minutesOfDay, WEEKDAYS } from "./business-calendar.schema.ts";

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/**
 * Days in a row without working time before we call the calendar broken.
 * The schema requires a working weekday, so only an absurd holiday list hits it.
 */
const MAX_CLOSED_DAYS = 400;

/** [start, end) in UTC milliseconds. */
type Span = readonly [number, number];

interface CompiledCalendar {
  offsetMs: number;
  holidays: ReadonlySet<string>;
  special: ReadonlyMap<string, readonly (readonly [number, number])[]>;
  weekly: readonly (readonly (readonly [number, number])[])[];
}

// Calendars are immutable configuration, so compiling once per object is safe.
const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();

function compile(calendar: BusinessCalendar): CompiledCalendar {
  const cached = compiled.get(calendar);
  if (cached !== undefined) return cached;
  const toMinutes = (hours: readonly { start: string; end: string }[]) =>
    hours.map((h) => [minutesOfDay(h.start), minutesOfDay(h.end)] as const);
  const result: CompiledCalendar = {
    offsetMs: calendar.utcOffsetMinutes * MINUTE_MS,
    holidays: new Set(calendar.holidays),
    special: new Map(calendar.specialDays.map((day) => [day.date, toMinutes(day.hours)])),
    weekly: WEEKDAYS.map((day) => toMinutes(calendar.weeklyHours[day])),
  };
  compiled.set(calendar, result);
  return result;
}

/** Local day number (days since 1970-01-01 in the office's zone). */
function dayOf(ms: number, cal: CompiledCalendar): number {
  return Math.floor((ms + cal.offsetMs) / DAY_MS);
}

/** Local date "YYYY-MM-DD" of a day number. */
export function localDateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Working spans of a local day, in UTC milliseconds. */
function spansOfDay(day: number, cal: CompiledCalendar): Span[] {
  const date = localDateOfDay(day);
  const special = cal.special.get(date);
  let minutes: readonly (readonly [number, number])[];
  if (special !== undefined) minutes = special;
  else if (cal.holidays.has(date)) minutes = [];
  else minutes = cal.weekly[(((day + 4) % 7) + 7) % 7] ?? []; // 1970-01-01 was a Thursday (4)
  const midnight = day * DAY_MS - cal.offsetMs;
  return minutes.map(([start, end]) => [midnight + start * MINUTE_MS, midnight + end * MINUTE_MS]);
}

/** The local date (office zone) of an instant, "YYYY-MM-DD". */
export function localDate(at: Date, calendar: BusinessCalendar): string {
  return localDateOfDay(dayOf(at.getTime(), compile(calendar)));
}

export function isWorkingTime(at: Date, calendar: BusinessCalendar): boolean {
  const cal = compile(calendar);
  const t = at.getTime();
  return spansOfDay(dayOf(t, cal), cal).some(([start, end]) => start <= t && t < end);
}

/** `at` itself when it is working time, else the next opening. */
export function nextWorkingTime(at: Date, calendar: BusinessCalendar): Date {
  const cal = compile(calendar);
  const t = at.getTime();
  const first = dayOf(t, cal);
  for (let day = first; day <= first + MAX_CLOSED_DAYS; day++) {
    for (const [start, end] of spansOfDay(day, cal)) {
      if (t < end) return new Date(Math.max(t, start));
    }
  }
  return brokenCalendar();
}

/** The instant `minutes` business minutes after `start` (before it if negative). */
export function addBusinessMinutes(start: Date, minutes: number, calendar: BusinessCalendar): Date {
  const ms = toMs(minutes);
  if (ms < 0) return subtractBusinessMs(start.getTime(), -ms, compile(calendar));
  return addBusinessMs(start.getTime(), ms, compile(calendar));
}

/** The instant `minutes` business minutes before `end`. */
export function subtractBusinessMinutes(
  end: Date,
  minutes: number,
  calendar: BusinessCalendar,
): Date {
  const ms = toMs(minutes);
  if (ms < 0) return addBusinessMs(end.getTime(), -ms, compile(calendar));
  return subtractBusinessMs(end.getTime(), ms, compile(calendar));
}

/**
 * Business minutes in [a, b); 0 when b is not after a. Fractional when the
 * instants are not on whole minutes.
 */
export function businessMinutesBetween(a: Date, b: Date, calendar: BusinessCalendar): number {
  const cal = compile(calendar);
  const from = a.getTime();
  const to = b.getTime();
  if (to <= from) return 0;
  let total = 0;
  for (let day = dayOf(from, cal); day <= dayOf(to, cal); day++) {
    for (const [start, end] of spansOfDay(day, cal)) {
      const overlap = Math.min(end, to) - Math.max(start, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MINUTE_MS;
}

/** Business minutes from a to b, negative when b is before a. */
export function signedBusinessMinutes(a: Date, b: Date, calendar: BusinessCalendar): number {
  return b.getTime() >= a.getTime()
    ? businessMinutesBetween(a, b, calendar)
    : -businessMinutesBetween(b, a, calendar);
}

function addBusinessMs(from: number, ms: number, cal: CompiledCalendar): Date {
  if (ms === 0) return new Date(from);
  let remaining = ms;
  let closedDays = 0;
  for (let day = dayOf(from, cal); closedDays <= MAX_CLOSED_DAYS; day++) {
    const spans = spansOfDay(day, cal);
    closedDays = spans.length === 0 ? closedDays + 1 : 0;
    for (const [start, end] of spans) {
      if (end <= from) continue;
      const begin = Math.max(start, from);
      // `<=`: finishing exactly at closing time ends today (earliest wall clock).
      if (remaining <= end - begin) return new Date(begin + remaining);
      remaining -= end - begin;
    }
  }
  return brokenCalendar();
}

function subtractBusinessMs(from: number, ms: number, cal: CompiledCalendar): Date {
  if (ms === 0) return new Date(from);
  let remaining = ms;
  let closedDays = 0;
  for (let day = dayOf(from, cal); closedDays <= MAX_CLOSED_DAYS; day--) {
    const spans = spansOfDay(day, cal);
    closedDays = spans.length === 0 ? closedDays + 1 : 0;
    for (let i = spans.length - 1; i >= 0; i--) {
      const span = spans[i];
      if (span === undefined || span[0] >= from) continue;
      const finish = Math.min(span[1], from);
      // Strict `<`: landing exactly on an opening time continues to the previous
      // closing time (same business instant, earliest wall clock); `remaining`
      // is then 0 and the next span returns its end.
      if (remaining < finish - span[0]) return new Date(finish - remaining);
      remaining -= finish - span[0];
    }
  }
  return brokenCalendar();
}

function toMs(minutes: number): number {
  if (!Number.isFinite(minutes)) throw new RangeError(`minutes must be finite, got ${minutes}`);
  return Math.round(minutes * MINUTE_MS);
}

function brokenCalendar(): never {
  throw new Error(
    `Kalender kerja tanpa jam kerja selama ${MAX_CLOSED_DAYS} hari / business calendar has no working time for ${MAX_CLOSED_DAYS} days`,
  );
}
