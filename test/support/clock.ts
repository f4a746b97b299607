// Fixture times for tests, derived from the real now so that a test means the
// same whenever it runs: "the next Wednesday 09:00 WIB" is inside office hours
// on any date, "now + 7 days" is always a future deadline. Landak keeps WIB
// (UTC+7, no daylight saving), so everything here is fixed-offset arithmetic
// and never reads the host's time zone.
//
// A test that needs one particular calendar date (a year rollover, 29
// February) does not belong here: it freezes the whole clock of the code under
// test (inject `now`), or runs under `npm run test:time-travel`.

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const WIB_OFFSET_MS = 7 * 60 * MINUTE_MS;

export const WEEKDAY = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
} as const;
export type Weekday = keyof typeof WEEKDAY;

/** The WIB wall clock of an instant. */
export function wibParts(at: Date) {
  const wall = new Date(at.getTime() + WIB_OFFSET_MS);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    weekday: wall.getUTCDay(),
  };
}

/** The instant of a WIB wall-clock time (month 1-12; overflowing days roll over as Date.UTC does). */
export function wib(year: number, month: number, day: number, hhmm = "00:00"): Date {
  const [hour, minute] = parseHhmm(hhmm);
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - WIB_OFFSET_MS);
}

function parseHhmm(hhmm: string): [number, number] {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new Error(`not a HH:MM time: ${hhmm}`);
  return [Number(match[1]), Number(match[2])];
}

/** Midnight WIB of the day of `at`, plus `days` days, at `hhmm` WIB. */
export function wibDayAt(days: number, hhmm: string, from: Date = new Date()): Date {
  const { year, month, day } = wibParts(from);
  return wib(year, month, day + days, hhmm);
}

/**
 * The next `weekday` at `hhmm` WIB strictly after `from` (at least
 * `minDaysAhead` days ahead), skipping the given holidays ("YYYY-MM-DD", WIB
 * dates): "the next working Wednesday 09:00 WIB".
 */
export function nextWib(
  weekday: Weekday,
  hhmm: string,
  options: { from?: Date; minDaysAhead?: number; holidays?: readonly string[] } = {},
): Date {
  const from = options.from ?? new Date();
  const skip = new Set(options.holidays ?? []);
  for (let days = options.minDaysAhead ?? 0; days < 400; days++) {
    const candidate = wibDayAt(days, hhmm, from);
    const parts = wibParts(candidate);
    if (parts.weekday !== WEEKDAY[weekday] || candidate <= from) continue;
    if (skip.has(wibDate(candidate))) continue;
    return candidate;
  }
  throw new Error(`no ${weekday} found within 400 days`);
}

/** Now (or `from`) plus whole days and minutes. */
export function plus(
  amount: { days?: number; hours?: number; minutes?: number },
  from: Date = new Date(),
): Date {
  return new Date(
    from.getTime() +
      (amount.days ?? 0) * DAY_MS +
      (amount.hours ?? 0) * 60 * MINUTE_MS +
      (amount.minutes ?? 0) * MINUTE_MS,
  );
}

/** 31 December 23:59 WIB of the WIB year of `from`: the last minute before the year's numbers roll over. */
export function lastMinuteOfWibYear(from: Date = new Date()): Date {
  return wib(wibParts(from).year, 12, 31, "23:59");
}

/** The WIB calendar date "YYYY-MM-DD". */
export function wibDate(at: Date): string {
  const { year, month, day } = wibParts(at);
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** "DD/MM/YYYY HH:MM" in WIB: what a user types, and what the bot shows. */
export function wibTyped(at: Date): string {
  const { year, month, day, hour, minute } = wibParts(at);
  return `${pad(day)}/${pad(month)}/${year} ${pad(hour)}:${pad(minute)}`;
}

/** "YYYY-MM": the WIB month of an instant, as the monthly report names it. */
export function wibMonth(at: Date): string {
  const { year, month } = wibParts(at);
  return `${year}-${pad(month)}`;
}

/** The first instant (00:00 WIB) of the month `months` before (negative) or after the month of `from`. */
export function wibMonthStart(months: number, from: Date = new Date()): Date {
  const { year, month } = wibParts(from);
  return wib(year, month + months, 1);
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
