import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../core/config.ts";
import { businessCalendar, routingConfig } from "../../../core/infra/services.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lpse-config-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("workflow configuration", () => {
  it("uses Monday-Friday 07:30-16:00 WIB and merges HOLIDAYS", async () => {
    const calendar = await businessCalendar(loadConfig({ HOLIDAYS: "2026-12-25, 2027-01-01" }));
    expect(calendar.utcOffsetMinutes).toBe(420);
    expect(calendar.weeklyHours.monday).toEqual([{ start: "07:30", end: "16:00" }]);
    expect(calendar.weeklyHours.saturday).toEqual([]);
    expect(calendar.holidays).toEqual(["2026-12-25", "2027-01-01"]);
  });

  it("reads hours and holidays from BUSINESS_CALENDAR_FILE", async () => {
    const file = path.join(dir, "calendar.json");
    await writeFile(
      file,
      JSON.stringify({
        weeklyHours: {
          sunday: [],
          monday: [{ start: "08:00", end: "16:00" }],
          tuesday: [{ start: "08:00", end: "16:00" }],
          wednesday: [{ start: "08:00", end: "16:00" }],
          thursday: [{ start: "08:00", end: "16:00" }],
          friday: [
            { start: "07:30", end: "11:30" },
            { start: "13:00", end: "16:30" },
          ],
          saturday: [],
        },
        holidays: ["2026-12-25"],
      }),
    );
    const calendar = await businessCalendar(
      loadConfig({ BUSINESS_CALENDAR_FILE: file, HOLIDAYS: "2026-12-25,2026-12-26" }),
    );
    expect(calendar.weeklyHours.friday).toHaveLength(2);
    expect(calendar.holidays).toEqual(["2026-12-25", "2026-12-26"]);
  });

  it("stops start-up on a bad calendar or routing file, naming the file", async () => {
    const bad = path.join(dir, "bad.json");
    await writeFile(
      bad,
      JSON.stringify({ weeklyHours: { monday: [{ start: "17:00", end: "08:00" }] } }),
    );
    await expect(businessCalendar(loadConfig({ BUSINESS_CALENDAR_FILE: bad }))).rejects.toThrow(
      /bad\.json: Kalender kerja tidak valid/,
    );
    const routing = path.join(dir, "routing.json");
    await writeFile(
      routing,
      JSON.stringify({ rules: [{ id: "x", when: {}, team: "LKPP", priority: "NORMAL" }] }),
    );
    await expect(routingConfig(loadConfig({ ROUTING_RULES_FILE: routing }))).rejects.toThrow(
      /routing\.json: Konfigurasi routing tidak valid/,
    );
  });

  it("rejects a malformed HOLIDAYS list at start-up", () => {
    expect(() => loadConfig({ HOLIDAYS: "25-12-2026" })).toThrow(/HOLIDAYS: tanggal YYYY-MM-DD/);
  });
});
