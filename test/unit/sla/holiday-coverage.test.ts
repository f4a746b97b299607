// Which years the office should have listed holidays for, and the lists the
// project ships for the operator to confirm.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  type BusinessCalendar,
  DEFAULT_BUSINESS_CALENDAR,
} from "../../../core/domain/sla/business-calendar.schema.ts";
import { yearsWithoutHolidays } from "../../../core/domain/sla/holiday-coverage.ts";
import {
  confirmedHolidayDates,
  HolidayListSchema,
} from "../../../core/domain/sla/holiday-list.schema.ts";
import { calendarWarnings } from "../../../core/infra/business-calendar.config.ts";
import { ROOT } from "../../support/process.ts";

const withHolidays = (holidays: string[]): BusinessCalendar => ({
  ...DEFAULT_BUSINESS_CALENDAR,
  holidays,
});

describe("yearsWithoutHolidays", () => {
  // Explicit instants: the rule is about the calendar date, not about today.
  it("expects the current WIB year, and from November the next one too", () => {
    const none = withHolidays([]);
    expect(yearsWithoutHolidays(none, new Date("2031-10-31T16:59:00Z"))).toEqual([2031]);
    // 1 November 00:00 WIB is still 31 October in UTC.
    expect(yearsWithoutHolidays(none, new Date("2031-10-31T17:00:00Z"))).toEqual([2031, 2032]);
    // 1 January 00:00 WIB is New Year's Eve in UTC: the WIB year counts.
    expect(yearsWithoutHolidays(none, new Date("2031-12-31T17:00:00Z"))).toEqual([2032]);
  });

  it("is satisfied by any holiday of a year", () => {
    const calendar = withHolidays(["2031-12-25", "2032-01-01"]);
    expect(yearsWithoutHolidays(calendar, new Date("2031-12-01T03:00:00Z"))).toEqual([]);
    expect(
      yearsWithoutHolidays(withHolidays(["2031-12-25"]), new Date("2031-12-01T03:00:00Z")),
    ).toEqual([2032]);
  });

  it("words the operator warning in both languages, naming the years and the settings", () => {
    const [warning] = calendarWarnings(withHolidays([]), new Date("2031-11-15T03:00:00Z"));
    expect(warning).toContain("tahun 2031 dan 2032");
    expect(warning).toContain("of 2031 and 2032");
    expect(warning).toContain("HOLIDAYS_FILE");
    expect(
      calendarWarnings(withHolidays(["2031-05-01"]), new Date("2031-05-02T03:00:00Z")),
    ).toEqual([]);
  });
});

describe("shipped holiday lists", () => {
  const read = async (year: number) =>
    JSON.parse(
      await readFile(path.join(ROOT, `core/content/holidays/indonesia-${year}.json`), "utf8"),
    ) as unknown;

  it("2026 is the SKB's 17 national holidays and 8 days of cuti bersama, awaiting confirmation", async () => {
    const list = HolidayListSchema.parse(await read(2026));
    expect(list.days.filter((d) => d.kind === "libur-nasional")).toHaveLength(17);
    expect(list.days.filter((d) => d.kind === "cuti-bersama")).toHaveLength(8);
    expect(list.days.some((d) => d.estimate)).toBe(false);
    expect(confirmedHolidayDates(list)).toMatchObject({ ok: false });
    expect(confirmedHolidayDates({ ...list, confirmed: true })).toMatchObject({ ok: true });
  });

  it("2027 is a draft: fixed and Easter dates certain, the rest marked as estimates", async () => {
    const list = HolidayListSchema.parse(await read(2027));
    const certain = list.days.filter((d) => !d.estimate).map((d) => d.date);
    expect(certain).toEqual([
      "2027-01-01",
      "2027-03-26", // Good Friday: Easter is 28 March 2027
      "2027-03-28",
      "2027-05-01",
      "2027-05-06", // Ascension, Easter + 39 days
      "2027-06-01",
      "2027-08-17",
      "2027-12-25",
    ]);
    // Even confirmed, the estimates must be replaced by the SKB's dates first.
    const confirmed = confirmedHolidayDates({ ...list, confirmed: true });
    expect(confirmed.ok).toBe(false);
    if (!confirmed.ok) expect(confirmed.error).toContain("2027-03-09");
  });
});
