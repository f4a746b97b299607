import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../core/config.ts";
import { businessCalendar } from "../../../core/infra/business-calendar.config.ts";
import { routingConfig } from "../../../core/infra/services.ts";

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

describe("holiday lists (HOLIDAYS_FILE)", () => {
  const list = (over: Record<string, unknown> = {}) => ({
    year: 2031,
    source: "test",
    confirmed: true,
    days: [
      { date: "2031-01-01", name: "Tahun Baru", kind: "libur-nasional" },
      { date: "2031-12-24", name: "Cuti bersama Natal", kind: "cuti-bersama" },
    ],
    ...over,
  });
  const write = async (name: string, body: unknown) => {
    const file = path.join(dir, name);
    await writeFile(file, JSON.stringify(body));
    return file;
  };

  it("merges a confirmed list with HOLIDAYS, once each, in order", async () => {
    const file = await write("libur-ok.json", list());
    const calendar = await businessCalendar(
      loadConfig({ HOLIDAYS_FILE: file, HOLIDAYS: "2031-12-24,2031-06-01" }),
    );
    expect(calendar.holidays).toEqual(["2031-01-01", "2031-06-01", "2031-12-24"]);
  });

  it("refuses an unconfirmed list, or a confirmed one still holding estimates, naming the file", async () => {
    const unconfirmed = await write("libur-draf.json", list({ confirmed: false }));
    await expect(businessCalendar(loadConfig({ HOLIDAYS_FILE: unconfirmed }))).rejects.toThrow(
      /libur-draf\.json: daftar libur 2031 belum dikonfirmasi/,
    );
    const estimated = await write(
      "libur-perkiraan.json",
      list({
        days: [{ date: "2031-03-01", name: "Idulfitri", kind: "libur-nasional", estimate: true }],
      }),
    );
    await expect(businessCalendar(loadConfig({ HOLIDAYS_FILE: estimated }))).rejects.toThrow(
      /masih memuat tanggal perkiraan 2031-03-01/,
    );
    const wrongYear = await write(
      "libur-tahun.json",
      list({ days: [{ date: "2030-01-01", name: "x", kind: "libur-nasional" }] }),
    );
    await expect(businessCalendar(loadConfig({ HOLIDAYS_FILE: wrongYear }))).rejects.toThrow(
      /dalam tahun daftar/,
    );
  });
});
