// The office calendar from configuration: BUSINESS_CALENDAR_FILE (hours per
// weekday, holidays, special days) if set, the confirmed holiday lists of
// HOLIDAYS_FILE, and the HOLIDAYS list. A bad or unconfirmed file stops
// start-up with the reason.
import { readFile } from "node:fs/promises";
import type { Config } from "../config.ts";
import { holidayWarningText } from "../content/index.ts";
import {
  type BusinessCalendar,
  parseBusinessCalendar,
} from "../domain/sla/business-calendar.schema.ts";
import { applyCalendarOverrides } from "../domain/sla/calendar-overrides.ts";
import { yearsWithoutHolidays } from "../domain/sla/holiday-coverage.ts";
import { confirmedHolidayDates } from "../domain/sla/holiday-list.schema.ts";
import type { PrismaClient } from "./db.ts";
import { readCalendarOverrides } from "./stores/calendar.store.ts";

async function readJson(file: string, setting: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch (cause) {
    throw new Error(`${setting}: ${file} tidak dapat dibaca / cannot be read as JSON`, { cause });
  }
}

export async function businessCalendar(config: Config): Promise<BusinessCalendar> {
  const { calendarFile, holidayFiles } = config.workflow;
  const file = calendarFile
    ? ((await readJson(calendarFile, "BUSINESS_CALENDAR_FILE")) as { holidays?: string[] })
    : {};
  const listed: string[] = [];
  for (const holidayFile of holidayFiles) {
    const dates = confirmedHolidayDates(await readJson(holidayFile, "HOLIDAYS_FILE"));
    if (!dates.ok) throw new Error(`HOLIDAYS_FILE ${holidayFile}: ${dates.error}`);
    listed.push(...dates.value);
  }
  const holidays = [
    ...new Set([...(file.holidays ?? []), ...listed, ...config.workflow.holidays]),
  ].sort();
  const parsed = parseBusinessCalendar({ ...file, holidays });
  if (!parsed.ok) throw new Error(`${calendarFile ?? "HOLIDAYS"}: ${parsed.error.message}`);
  return parsed.value;
}

/** For one-off commands: the files' calendar with the console's changes, read once. */
export async function officeCalendar(config: Config, prisma: PrismaClient) {
  const base = await businessCalendar(config);
  const merged = applyCalendarOverrides(base, await readCalendarOverrides(prisma));
  if (!merged.ok) throw new Error(merged.error.messageEn);
  return merged.value;
}

/** Operator warnings about the calendar at `at` (empty when all is configured). */
export function calendarWarnings(calendar: BusinessCalendar, at: Date): string[] {
  const missing = yearsWithoutHolidays(calendar, at);
  return missing.length > 0 ? [holidayWarningText(missing)] : [];
}
