// Issue 19, point 3, in the engine: a complaint gets a number, who handles it
// and by when; "status ADU-…" tells where it stands. Times from the real clock.
import { describe, expect, it } from "vitest";
import { complaintDueAt } from "../../../core/domain/conversation/complaint.flow.ts";
import {
  type ConversationEvent,
  type ConversationState,
  createDecider,
  parseGlobalCommand,
} from "../../../core/domain/conversation/index.ts";
import {
  formatComplaintNumber,
  parseComplaintNumber,
} from "../../../core/domain/shared/complaint-number.ts";
import {
  BusinessCalendarSchema,
  DEFAULT_BUSINESS_CALENDAR,
} from "../../../core/domain/sla/business-calendar.schema.ts";
import {
  effectTypes,
  replyText,
  stateWith,
  testSettings,
} from "../../fixtures/conversation.builders.ts";
import { wibDate, wibInstant } from "../../support/office-calendar.ts";

const NOW = new Date();
const decide = createDecider(testSettings({ complaintResponseDays: 5 }));
const at = (offsetMs = 0) => new Date(NOW.getTime() + offsetMs).toISOString();

/** Working days (Monday-Friday, minus holidays) after `from`'s WIB date, counted by hand. */
function nthWorkingDay(from: Date, n: number, holidays: readonly string[] = []): string {
  let found = 0;
  for (let d = 1; ; d++) {
    const date = wibDate(from, d);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6 || holidays.includes(date)) continue;
    found++;
    if (found === n) return date;
  }
}

describe("the due date of a complaint", () => {
  it("is the opening of the fifth working day after the day it came", () => {
    const due = complaintDueAt(NOW.toISOString(), 5, DEFAULT_BUSINESS_CALENDAR);
    const day = nthWorkingDay(NOW, 5);
    expect(due).toBe(wibInstant(new Date(`${day}T05:00:00Z`), 0, "07:30").toISOString());
  });

  it("skips holidays", () => {
    const holidays = [nthWorkingDay(NOW, 1), nthWorkingDay(NOW, 3)];
    const calendar = BusinessCalendarSchema.parse({ holidays });
    const due = complaintDueAt(NOW.toISOString(), 5, calendar);
    expect(wibDate(new Date(due))).toBe(nthWorkingDay(NOW, 5, holidays));
  });
});

describe("complaint numbers", () => {
  it.each([
    ["ADU-2026-00001", "ADU-2026-00001"],
    ["adu 2026 00001", "ADU-2026-00001"],
    ["Adu/2026/00042", "ADU-2026-00042"],
    ["ADU-26-1", null],
    ["LDK-2026-00001", null],
  ])("%s reads as %s", (typed, number) => {
    expect(parseComplaintNumber(typed)).toBe(number);
  });

  it("are checked like tickets, with 'status'", () => {
    expect(parseGlobalCommand("status ADU-2026-00007")).toEqual({
      type: "status",
      ticketNumber: "ADU-2026-00007",
    });
    expect(formatComplaintNumber(2026, 7)).toBe("ADU-2026-00007");
  });
});

describe("filing and checking a complaint", () => {
  function filed(language: "id" | "en") {
    const state: ConversationState = stateWith({
      language,
      mode: { type: "complaintAsk", failures: 0 },
      lastUserEventAt: at(),
    });
    const written = decide(state, {
      type: "text",
      at: at(60_000),
      text: "Permohonan saya minggu lalu belum ditanggapi sampai sekarang.",
    });
    const effect = written.effects[0];
    if (effect?.type !== "fileComplaint") throw new Error("no complaint filed");
    const told = decide(written.state, {
      type: "complaintFiled",
      at: at(60_000),
      complaintNumber: "ADU-2026-00012",
      dueAt: effect.dueAt,
    });
    return { effect, told };
  }

  it("says the number, who handles it and by when", () => {
    const { effect, told } = filed("id");
    expect(effect.dueAt).toBe(complaintDueAt(at(60_000), 5, DEFAULT_BUSINESS_CALENDAR));
    const text = replyText(told.effects);
    expect(text).toContain("dengan nomor:\nADU-2026-00012");
    expect(text).toContain("ditangani oleh Analis Pelayanan LPSE Kabupaten Landak");
    expect(text).toMatch(
      /paling lambat (Senin|Selasa|Rabu|Kamis|Jumat), \d{1,2} \S+ \d{4} \(5 hari kerja\)/u,
    );
    expect(text).toContain("status ADU-2026-00012");
  });

  it("in English, all in English", () => {
    const text = replyText(filed("en").told.effects);
    expect(text).toContain("handled by the Service Analyst (Analis Pelayanan)");
    expect(text).toMatch(
      /by (Monday|Tuesday|Wednesday|Thursday|Friday), \d{1,2} \S+ \d{4} at the latest \(5 working days\)/u,
    );
  });

  it("'status ADU-…' looks it up, and the answer tells its state and the office's answer", () => {
    const state = stateWith({ lastUserEventAt: at() });
    const asked = decide(state, { type: "text", at: at(1000), text: "status adu 2026 00012" });
    expect(asked.effects).toEqual([{ type: "lookupStatus", ticketNumber: "ADU-2026-00012" }]);
    const result = (event: Partial<ConversationEvent>) =>
      replyText(
        decide(asked.state, {
          type: "complaintStatusResult",
          at: at(1000),
          complaintNumber: "ADU-2026-00012",
          status: "BARU",
          dueAt: at(5 * 86_400_000),
          outcome: null,
          ...event,
        } as ConversationEvent).effects,
      );
    expect(result({})).toContain("Status pengaduan ADU-2026-00012: Diterima, sedang ditelaah");
    expect(result({})).toContain("Tanggapan paling lambat");
    const answered = result({ status: "SELESAI", outcome: "Petugas sudah kami tegur." });
    expect(answered).toContain("Selesai");
    expect(answered).toContain("Tanggapan: Petugas sudah kami tegur.");
    expect(result({ status: null, dueAt: null })).toContain(
      "Pengaduan ADU-2026-00012 tidak ditemukan",
    );
  });

  it("the status question takes a complaint number too", () => {
    const state = stateWith({ mode: { type: "statusAsk", failures: 0 }, lastUserEventAt: at() });
    const asked = decide(state, { type: "text", at: at(1000), text: "ADU-2026-00012" });
    expect(effectTypes(asked.effects)).toEqual(["lookupStatus"]);
  });
});
