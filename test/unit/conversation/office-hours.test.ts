// Issue 19, point 4: office hours and dates in the user's language
// everywhere a user reads them ("Service hours: Senin-Jumat" was the bug).
import { describe, expect, it } from "vitest";
import {
  serviceInfo,
  spokenDate,
  spokenDateTime,
  statusFound,
  TICKET_STATUS_TEXT,
} from "../../../core/content/index.ts";
import { resolveConversationSettings } from "../../../core/domain/conversation/index.ts";
import { officeHoursText } from "../../../core/domain/conversation/office-hours.ts";
import {
  BusinessCalendarSchema,
  DEFAULT_BUSINESS_CALENDAR,
} from "../../../core/domain/sla/business-calendar.schema.ts";

const INDONESIAN_NAMES =
  /Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|Januari|Februari|Maret|Mei|Juni|Juli|Agustus|Oktober|Desember|pukul/u;
const ENGLISH_NAMES =
  /Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|May|June|July|August|October|December/u;

describe("office hours, written from the business calendar", () => {
  it("the default week, in each language", () => {
    expect(officeHoursText(DEFAULT_BUSINESS_CALENDAR)).toEqual({
      id: "Senin–Jumat 07.30–16.00 WIB",
      en: "Monday–Friday 07:30–16:00 WIB",
    });
  });

  it("a shorter Friday with a prayer break, and a Saturday morning", () => {
    const day = [{ start: "07:30", end: "16:00" }];
    const calendar = BusinessCalendarSchema.parse({
      weeklyHours: {
        sunday: [],
        monday: day,
        tuesday: day,
        wednesday: day,
        thursday: day,
        friday: [
          { start: "07:30", end: "11:30" },
          { start: "13:00", end: "16:30" },
        ],
        saturday: [{ start: "08:00", end: "12:00" }],
      },
    });
    expect(officeHoursText(calendar)).toEqual({
      id: "Senin–Kamis 07.30–16.00, Jumat 07.30–11.30 dan 13.00–16.30, Sabtu 08.00–12.00 WIB",
      en: "Monday–Thursday 07:30–16:00, Friday 07:30–11:30 and 13:00–16:30, Saturday 08:00–12:00 WIB",
    });
  });

  it("an office on Central Indonesian time says WITA", () => {
    const calendar = BusinessCalendarSchema.parse({ utcOffsetMinutes: 480 });
    expect(officeHoursText(calendar).id).toBe("Senin–Jumat 07.30–16.00 WITA");
  });

  it("settings without OPENING_HOURS tell the calendar's hours; the English info is all English", () => {
    const settings = resolveConversationSettings({ officeEmail: "lpse@landakkab.go.id" });
    expect(settings.openingHours.en).toBe("Monday–Friday 07:30–16:00 WIB");
    const info = serviceInfo(settings.officeEmail, settings.openingHours);
    expect(info.en).toContain("Service hours: Monday–Friday 07:30–16:00 WIB");
    expect(info.en).not.toMatch(INDONESIAN_NAMES);
    expect(info.id).toContain("Jam layanan: Senin–Jumat 07.30–16.00 WIB");
  });
});

describe("dates as users read them", () => {
  // Derived from the real clock: any instant must read right in both languages.
  const at = new Date(Date.now() - (Date.now() % 60_000)).toISOString();
  const wib = new Date(Date.parse(at) + 7 * 3_600_000);
  const hh = String(wib.getUTCHours()).padStart(2, "0");
  const mm = String(wib.getUTCMinutes()).padStart(2, "0");

  it("names the day and the month in the user's language, on the WIB clock", () => {
    const when = spokenDateTime(at);
    expect(when.id).toMatch(
      new RegExp(
        `^(Minggu|Senin|Selasa|Rabu|Kamis|Jumat|Sabtu), ${wib.getUTCDate()} \\S+ ${wib.getUTCFullYear()} pukul ${hh}\\.${mm} WIB$`,
        "u",
      ),
    );
    expect(when.en).toMatch(
      new RegExp(
        `^[A-Z][a-z]+day, ${wib.getUTCDate()} \\S+ ${wib.getUTCFullYear()}, ${hh}:${mm} WIB$`,
        "u",
      ),
    );
    expect(when.en).not.toMatch(INDONESIAN_NAMES);
    expect(when.id).not.toMatch(ENGLISH_NAMES);
    expect(spokenDate(at).en).toMatch(ENGLISH_NAMES);
  });

  it("a ticket's last update in English reads in English", () => {
    const status = TICKET_STATUS_TEXT.DIPROSES;
    const text = statusFound(
      "LDK-2026-00042",
      status.label,
      status.explanation,
      spokenDateTime(at),
    );
    expect(text.en).toContain(`Last updated: ${spokenDateTime(at).en}`);
    expect(text.en).not.toMatch(INDONESIAN_NAMES);
  });
});
