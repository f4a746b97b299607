// The calendar provider without Redis: it applies what it reads, keeps the
// last good calendar when a read fails or gives an invalid calendar, and
// keeps the same object when nothing changed (compiled calendars stay cached).
import { describe, expect, it } from "vitest";
import { DEFAULT_BUSINESS_CALENDAR } from "../../../core/domain/sla/business-calendar.schema.ts";
import type { CalendarOverrides } from "../../../core/domain/sla/calendar-overrides.ts";
import { startCalendarProvider } from "../../../core/infra/calendar-provider.ts";
import { createLogger } from "../../../core/infra/logger.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });

describe("startCalendarProvider", () => {
  it("keeps the last good calendar when the read fails or is invalid", async () => {
    let next: () => CalendarOverrides = () => ({
      days: [{ date: "2027-02-01", kind: "HOLIDAY", name: "Cuti bersama" }],
      weeklyHours: {},
    });
    const provider = await startCalendarProvider({
      base: DEFAULT_BUSINESS_CALENDAR,
      load: async () => next(),
      logger,
      refreshMs: 3_600_000,
      channel: "unused",
    });
    try {
      const good = provider.current();
      expect(good.holidays).toEqual(["2027-02-01"]);
      expect(await provider.refresh()).toBe(true);
      expect(provider.current()).toBe(good);

      next = () => {
        throw new Error("connection refused");
      };
      expect(await provider.refresh()).toBe(false);
      expect(provider.current()).toBe(good);

      next = () => ({
        days: [],
        weeklyHours: { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [] },
      });
      expect(await provider.refresh()).toBe(false);
      expect(provider.current()).toBe(good);
      expect(provider.base).toBe(DEFAULT_BUSINESS_CALENDAR);
    } finally {
      await provider.close();
    }
  });

  it("starts on the files' calendar when the first read fails", async () => {
    const provider = await startCalendarProvider({
      base: DEFAULT_BUSINESS_CALENDAR,
      load: () => Promise.reject(new Error("no database")),
      logger,
      refreshMs: 3_600_000,
      channel: "unused",
    });
    expect(provider.current()).toBe(DEFAULT_BUSINESS_CALENDAR);
    await provider.close();
  });
});
