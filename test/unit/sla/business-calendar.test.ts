// Instants are written in UTC; the comment gives the WIB (UTC+7) wall clock.
// December 2026: Fri 4, Sat 5, Sun 6, Mon 7 ... Thu 24, Fri 25 (Christmas), Mon 28.
import { describe, expect, it } from "vitest";
import {
  type BusinessCalendar,
  BusinessCalendarSchema,
  DEFAULT_BUSINESS_CALENDAR,
  parseBusinessCalendar,
} from "../../../core/domain/sla/business-calendar.schema.ts";
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isWorkingTime,
  localDate,
  nextWorkingTime,
  signedBusinessMinutes,
  subtractBusinessMinutes,
} from "../../../core/domain/sla/business-calendar.ts";

const cal = DEFAULT_BUSINESS_CALENDAR;
const d = (iso: string) => new Date(iso);

const office = [{ start: "07:30", end: "16:00" }];
const withFriday = (friday: { start: string; end: string }[]) =>
  BusinessCalendarSchema.parse({
    weeklyHours: { ...DEFAULT_BUSINESS_CALENDAR.weeklyHours, friday },
  });
/** Friday 07:30-16:30 (five-day-week pattern). */
const longFriday = withFriday([{ start: "07:30", end: "16:30" }]);
/** Friday with the Friday-prayer break 11:30-13:00. */
const fridayBreak = withFriday([
  { start: "07:30", end: "11:30" },
  { start: "13:00", end: "16:30" },
]);
const christmas = BusinessCalendarSchema.parse({ holidays: ["2026-12-24", "2026-12-25"] });

describe("defaults", () => {
  it("is WIB, Monday-Friday 07:30-16:00, no holidays", () => {
    expect(cal.utcOffsetMinutes).toBe(420);
    expect(cal.weeklyHours.monday).toEqual(office);
    expect(cal.weeklyHours.friday).toEqual(office);
    expect(cal.weeklyHours.saturday).toEqual([]);
    expect(cal.weeklyHours.sunday).toEqual([]);
    expect(cal.holidays).toEqual([]);
  });

  it("computes the local date with the fixed offset", () => {
    expect(localDate(d("2026-12-04T16:59:59Z"), cal)).toBe("2026-12-04"); // Fri 23:59:59
    expect(localDate(d("2026-12-04T17:00:00Z"), cal)).toBe("2026-12-05"); // Sat 00:00
  });
});

describe("isWorkingTime", () => {
  it.each([
    ["2026-12-04T08:50:00Z", true, "Fri 15:50"],
    ["2026-12-04T08:59:59Z", true, "Fri 15:59:59"],
    ["2026-12-04T09:00:00Z", false, "Fri 16:00 (closing is exclusive)"],
    ["2026-12-07T00:30:00Z", true, "Mon 07:30 (opening is inclusive)"],
    ["2026-12-07T00:29:00Z", false, "Mon 07:29"],
    ["2026-12-05T03:00:00Z", false, "Sat 10:00"],
    ["2026-12-06T03:00:00Z", false, "Sun 10:00"],
    ["2026-12-02T15:00:00Z", false, "Wed 22:00"],
  ])("%s is %s (%s WIB)", (iso, expected) => {
    expect(isWorkingTime(d(iso), cal)).toBe(expected);
  });

  it("is false on a holiday", () => {
    expect(isWorkingTime(d("2026-12-25T03:00:00Z"), christmas)).toBe(false); // Fri 25 Dec 10:00
  });

  it("follows Friday hours and breaks", () => {
    expect(isWorkingTime(d("2026-12-04T09:20:00Z"), longFriday)).toBe(true); // Fri 16:20
    expect(isWorkingTime(d("2026-12-04T05:00:00Z"), fridayBreak)).toBe(false); // Fri 12:00
    expect(isWorkingTime(d("2026-12-04T06:00:00Z"), fridayBreak)).toBe(true); // Fri 13:00
  });
});

describe("nextWorkingTime", () => {
  it.each([
    ["2026-12-02T03:00:00Z", "2026-12-02T03:00:00.000Z", "Wed 10:00 stays"],
    ["2026-12-01T23:00:00Z", "2026-12-02T00:30:00.000Z", "Wed 06:00 -> Wed 07:30"],
    ["2026-12-04T09:00:00Z", "2026-12-07T00:30:00.000Z", "Fri 16:00 -> Mon 07:30"],
    ["2026-12-05T03:00:00Z", "2026-12-07T00:30:00.000Z", "Sat 10:00 -> Mon 07:30"],
  ])("%s -> %s (%s)", (from, expected) => {
    expect(nextWorkingTime(d(from), cal).toISOString()).toBe(expected);
  });

  it("skips holidays", () => {
    // Wed 23 Dec 17:00 -> Thu 24 and Fri 25 are holidays -> Mon 28 07:30
    expect(nextWorkingTime(d("2026-12-23T10:00:00Z"), christmas).toISOString()).toBe(
      "2026-12-28T00:30:00.000Z",
    );
  });

  it("jumps over the Friday-prayer break", () => {
    expect(nextWorkingTime(d("2026-12-04T04:45:00Z"), fridayBreak).toISOString()).toBe(
      "2026-12-04T06:00:00.000Z", // Fri 11:45 -> 13:00
    );
  });
});

describe("addBusinessMinutes", () => {
  it.each([
    ["Fri 15:50 + 15 -> Mon 07:35", "2026-12-04T08:50:00Z", 15, "2026-12-07T00:35:00.000Z"],
    [
      "Fri 15:45 + 15 -> Fri 16:00 (ends at closing)",
      "2026-12-04T08:45:00Z",
      15,
      "2026-12-04T09:00:00.000Z",
    ],
    [
      "Wed 06:00 + 15 -> Wed 07:45 (before opening)",
      "2026-12-01T23:00:00Z",
      15,
      "2026-12-02T00:45:00.000Z",
    ],
    [
      "Thu 17:00 + 15 -> Fri 07:45 (after hours)",
      "2026-12-03T10:00:00Z",
      15,
      "2026-12-04T00:45:00.000Z",
    ],
    [
      "Sat 10:00 + 15 -> Mon 07:45 (weekend)",
      "2026-12-05T03:00:00Z",
      15,
      "2026-12-07T00:45:00.000Z",
    ],
    [
      "Mon 07:30 + 1020 -> Tue 16:00 (two full days)",
      "2026-12-07T00:30:00Z",
      1020,
      "2026-12-08T09:00:00.000Z",
    ],
    ["Mon 07:30 + 1021 -> Wed 07:31", "2026-12-07T00:30:00Z", 1021, "2026-12-09T00:31:00.000Z"],
    ["Wed 10:00 + 0 -> Wed 10:00", "2026-12-02T03:00:00Z", 0, "2026-12-02T03:00:00.000Z"],
    [
      "Sat 10:00 + 0 -> Sat 10:00 (nothing to add)",
      "2026-12-05T03:00:00Z",
      0,
      "2026-12-05T03:00:00.000Z",
    ],
    [
      "Mon 07:35 - 15 -> Fri 15:50 (negative)",
      "2026-12-07T00:35:00Z",
      -15,
      "2026-12-04T08:50:00.000Z",
    ],
  ])("%s", (_label, start, minutes, expected) => {
    expect(addBusinessMinutes(d(start), minutes, cal).toISOString()).toBe(expected);
  });

  it("skips holidays", () => {
    // Wed 23 Dec 15:55 + 15 -> 5 min Wed, then Thu 24 + Fri 25 off -> Mon 28 07:40
    expect(addBusinessMinutes(d("2026-12-23T08:55:00Z"), 15, christmas).toISOString()).toBe(
      "2026-12-28T00:40:00.000Z",
    );
  });

  it("uses longer Friday hours when configured", () => {
    // Fri 15:50 + 15 -> Fri 16:05 instead of Monday
    expect(addBusinessMinutes(d("2026-12-04T08:50:00Z"), 15, longFriday).toISOString()).toBe(
      "2026-12-04T09:05:00.000Z",
    );
    // Fri 16:20 + 15 -> 10 min Friday, Mon 07:35
    expect(addBusinessMinutes(d("2026-12-04T09:20:00Z"), 15, longFriday).toISOString()).toBe(
      "2026-12-07T00:35:00.000Z",
    );
  });

  it("pauses over the Friday-prayer break", () => {
    // Fri 11:20 + 15 -> 10 min before the break, 5 after -> 13:05
    expect(addBusinessMinutes(d("2026-12-04T04:20:00Z"), 15, fridayBreak).toISOString()).toBe(
      "2026-12-04T06:05:00.000Z",
    );
  });

  it("uses special-day hours (e.g. Ramadan) over the weekday's", () => {
    const ramadan = BusinessCalendarSchema.parse({
      specialDays: [{ date: "2026-12-02", hours: [{ start: "08:00", end: "15:00" }] }],
    });
    // Wed 07:45 is before the special opening 08:00
    expect(isWorkingTime(d("2026-12-02T00:45:00Z"), ramadan)).toBe(false);
    // Wed 14:50 + 15 -> 10 min Wed (to 15:00), Thu 07:35
    expect(addBusinessMinutes(d("2026-12-02T07:50:00Z"), 15, ramadan).toISOString()).toBe(
      "2026-12-03T00:35:00.000Z",
    );
  });

  it("opens on a special working day that is normally closed", () => {
    const saturdayShift = BusinessCalendarSchema.parse({
      specialDays: [{ date: "2026-12-05", hours: [{ start: "08:00", end: "12:00" }] }],
    });
    // Fri 15:50 + 15 -> 10 min Fri, Sat 08:05
    expect(addBusinessMinutes(d("2026-12-04T08:50:00Z"), 15, saturdayShift).toISOString()).toBe(
      "2026-12-05T01:05:00.000Z",
    );
  });

  it("rejects non-finite minutes", () => {
    expect(() => addBusinessMinutes(d("2026-12-02T03:00:00Z"), Number.NaN, cal)).toThrow(
      RangeError,
    );
  });

  it("stops on a calendar without working time", () => {
    const closed: BusinessCalendar = {
      ...DEFAULT_BUSINESS_CALENDAR,
      weeklyHours: {
        sunday: [],
        monday: [],
        tuesday: [],
        wednesday: [],
        thursday: [],
        friday: [],
        saturday: [],
      },
    };
    expect(() => addBusinessMinutes(d("2026-12-02T03:00:00Z"), 15, closed)).toThrow(
      /no working time/,
    );
    expect(() => nextWorkingTime(d("2026-12-02T03:00:00Z"), closed)).toThrow(/no working time/);
  });
});

describe("subtractBusinessMinutes", () => {
  it.each([
    ["Mon 07:35 - 15 -> Fri 15:50", "2026-12-07T00:35:00Z", 15, "2026-12-04T08:50:00.000Z"],
    [
      "Mon 07:33 - 3 -> Fri 16:00 (earliest wall clock)",
      "2026-12-07T00:33:00Z",
      3,
      "2026-12-04T09:00:00.000Z",
    ],
    ["Wed 10:00 - 3 -> Wed 09:57", "2026-12-02T03:00:00Z", 3, "2026-12-02T02:57:00.000Z"],
    ["Sat 10:00 - 10 -> Fri 15:50", "2026-12-05T03:00:00Z", 10, "2026-12-04T08:50:00.000Z"],
    ["Wed 10:00 - 0 -> Wed 10:00", "2026-12-02T03:00:00Z", 0, "2026-12-02T03:00:00.000Z"],
  ])("%s", (_label, end, minutes, expected) => {
    expect(subtractBusinessMinutes(d(end), minutes, cal).toISOString()).toBe(expected);
  });

  it("skips holidays backwards", () => {
    // Mon 28 Dec 07:35 - 15 -> Wed 23 Dec 15:50
    expect(subtractBusinessMinutes(d("2026-12-28T00:35:00Z"), 15, christmas).toISOString()).toBe(
      "2026-12-23T08:50:00.000Z",
    );
  });
});

describe("businessMinutesBetween", () => {
  it.each([
    ["Fri 15:50 -> Mon 07:35", "2026-12-04T08:50:00Z", "2026-12-07T00:35:00Z", 15],
    ["Sat -> Sun", "2026-12-05T03:00:00Z", "2026-12-06T03:00:00Z", 0],
    ["Wed 06:00 -> Wed 08:00", "2026-12-01T23:00:00Z", "2026-12-02T01:00:00Z", 30],
    [
      "Mon 07:30 -> Fri 16:00 (a full week)",
      "2026-12-07T00:30:00Z",
      "2026-12-11T09:00:00Z",
      5 * 510,
    ],
    ["Wed 10:00:00 -> Wed 10:00:30", "2026-12-02T03:00:00Z", "2026-12-02T03:00:30Z", 0.5],
    ["reversed", "2026-12-07T00:35:00Z", "2026-12-04T08:50:00Z", 0],
    ["equal", "2026-12-02T03:00:00Z", "2026-12-02T03:00:00Z", 0],
  ])("%s = %d", (_label, a, b, expected) => {
    expect(businessMinutesBetween(d(a), d(b), cal)).toBe(expected);
  });

  it("excludes holidays and Friday breaks", () => {
    // Wed 23 Dec 15:00 -> Mon 28 Dec 08:30: 60 + 60
    expect(
      businessMinutesBetween(d("2026-12-23T08:00:00Z"), d("2026-12-28T01:30:00Z"), christmas),
    ).toBe(120);
    // Fri 11:00 -> 13:30 with the 11:30-13:00 break: 30 + 30
    expect(
      businessMinutesBetween(d("2026-12-04T04:00:00Z"), d("2026-12-04T06:30:00Z"), fridayBreak),
    ).toBe(60);
  });

  it("is signed on request", () => {
    expect(signedBusinessMinutes(d("2026-12-07T00:35:00Z"), d("2026-12-04T08:50:00Z"), cal)).toBe(
      -15,
    );
  });

  it("is the inverse of addBusinessMinutes", () => {
    const starts = [
      "2026-12-01T23:00:00Z", // Wed 06:00
      "2026-12-02T03:17:00Z", // Wed 10:17
      "2026-12-04T08:50:00Z", // Fri 15:50
      "2026-12-05T03:00:00Z", // Sat 10:00
      "2026-12-23T08:55:00Z", // Wed 23 Dec 15:55, before the holidays
    ];
    for (const calendar of [cal, longFriday, fridayBreak, christmas]) {
      for (const start of starts) {
        for (const minutes of [1, 12, 15, 90, 509, 510, 511, 3000]) {
          const due = addBusinessMinutes(d(start), minutes, calendar);
          expect(businessMinutesBetween(d(start), due, calendar)).toBe(minutes);
          expect(subtractBusinessMinutes(due, minutes, calendar).getTime()).toBeLessThanOrEqual(
            Math.max(d(start).getTime(), nextWorkingTime(d(start), calendar).getTime()),
          );
        }
      }
    }
  });
});

describe("calendar configuration", () => {
  it("parses a full configuration", () => {
    const result = parseBusinessCalendar({
      utcOffsetMinutes: 420,
      weeklyHours: {
        ...DEFAULT_BUSINESS_CALENDAR.weeklyHours,
        friday: [
          { start: "07:30", end: "11:30" },
          { start: "13:00", end: "16:30" },
        ],
      },
      holidays: ["2026-12-25", "2027-01-01"],
      specialDays: [{ date: "2027-02-10", hours: [{ start: "08:00", end: "15:00" }] }],
    });
    expect(result.ok).toBe(true);
  });

  it.each([
    [
      "a time without leading zero",
      {
        weeklyHours: {
          ...DEFAULT_BUSINESS_CALENDAR.weeklyHours,
          monday: [{ start: "7:30", end: "16:00" }],
        },
      },
    ],
    [
      "an end before the start",
      {
        weeklyHours: {
          ...DEFAULT_BUSINESS_CALENDAR.weeklyHours,
          monday: [{ start: "16:00", end: "07:30" }],
        },
      },
    ],
    [
      "overlapping intervals",
      {
        weeklyHours: {
          ...DEFAULT_BUSINESS_CALENDAR.weeklyHours,
          monday: [
            { start: "07:30", end: "12:00" },
            { start: "11:00", end: "16:00" },
          ],
        },
      },
    ],
    [
      "no working day at all",
      {
        weeklyHours: {
          sunday: [],
          monday: [],
          tuesday: [],
          wednesday: [],
          thursday: [],
          friday: [],
          saturday: [],
        },
      },
    ],
    ["a missing weekday", { weeklyHours: { monday: office } }],
    ["an impossible date", { holidays: ["2026-02-30"] }],
    ["a date in another format", { holidays: ["25/12/2026"] }],
    [
      "a special day that is also a holiday",
      { holidays: ["2026-12-25"], specialDays: [{ date: "2026-12-25", hours: office }] },
    ],
    ["an offset beyond +14:00", { utcOffsetMinutes: 900 }],
    ["an unknown key", { workingDays: ["monday"] }],
  ])("rejects %s", (_label, input) => {
    const result = parseBusinessCalendar(input);
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID_BUSINESS_CALENDAR" } });
  });
});
