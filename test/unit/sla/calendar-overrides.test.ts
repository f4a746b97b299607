// The console's calendar changes laid over the files' calendar (fixed dates:
// pure functions of their arguments, no clock).
import { describe, expect, it } from "vitest";
import { BusinessCalendarSchema } from "../../../core/domain/sla/business-calendar.schema.ts";
import {
  applyCalendarOverrides,
  NO_OVERRIDES,
} from "../../../core/domain/sla/calendar-overrides.ts";

const base = BusinessCalendarSchema.parse({
  holidays: ["2027-01-01", "2027-03-22"],
  specialDays: [{ date: "2027-03-10", hours: [{ start: "08:00", end: "14:00" }] }],
});

describe("applyCalendarOverrides", () => {
  it("gives the files' calendar when nothing was changed", () => {
    expect(applyCalendarOverrides(base, NO_OVERRIDES)).toEqual({ ok: true, value: base });
  });

  it("adds holidays, declares file holidays working days, sets other hours per date and weekday", () => {
    const result = applyCalendarOverrides(base, {
      days: [
        { date: "2027-02-01", kind: "HOLIDAY", name: "Cuti bersama" },
        { date: "2027-01-01", kind: "WORKING_DAY" },
        { date: "2027-03-22", kind: "SPECIAL", hours: [{ start: "09:00", end: "12:00" }] },
        { date: "2027-03-10", kind: "WORKING_DAY" },
      ],
      weeklyHours: { saturday: [{ start: "08:00", end: "12:00" }] },
    });
    expect(result.ok && result.value).toEqual({
      ...base,
      holidays: ["2027-02-01"],
      specialDays: [{ date: "2027-03-22", hours: [{ start: "09:00", end: "12:00" }] }],
      weeklyHours: { ...base.weeklyHours, saturday: [{ start: "08:00", end: "12:00" }] },
    });
  });

  it("refuses changes that leave no working day, as the calendar schema does", () => {
    const closed = Object.fromEntries(
      ["monday", "tuesday", "wednesday", "thursday", "friday"].map((d) => [d, []]),
    );
    const result = applyCalendarOverrides(base, { days: [], weeklyHours: closed });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toContain("minimal satu hari kerja");
  });
});
