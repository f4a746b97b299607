// Issue 19, point 1: after "petugas" the user never writes into silence. The
// engine alone (no Redis, no database), on calendars built around the real
// now, so the office is open or closed whatever hour the tests run at.
import { describe, expect, it } from "vitest";
import {
  type ConversationEvent,
  type ConversationState,
  createDecider,
  type Effect,
} from "../../../core/domain/conversation/index.ts";
import type { BusinessCalendarInput } from "../../../core/domain/sla/business-calendar.schema.ts";
import {
  choiceIds,
  type EventInput,
  effectTypes,
  emptyTestDraft,
  replyText,
  stateWith,
  testSettings,
} from "../../fixtures/conversation.builders.ts";
import { closedForAWeek, openAroundNow, wibDate } from "../../support/office-calendar.ts";

const MINUTE = 60_000;
const DAYS_ID = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
const DAYS_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS_ID = [
  "Januari",
  "Februari",
  "Maret",
  "April",
  "Mei",
  "Juni",
  "Juli",
  "Agustus",
  "September",
  "Oktober",
  "November",
  "Desember",
];
const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "Senin, 7 Desember 2026 pukul 08.00 WIB" / "Monday, 7 December 2026, 08:00 WIB", worked out here. */
function spoken(at: Date, language: "id" | "en"): string {
  const w = new Date(at.getTime() + 7 * 3_600_000);
  const hh = String(w.getUTCHours()).padStart(2, "0");
  const mm = String(w.getUTCMinutes()).padStart(2, "0");
  return language === "id"
    ? `${DAYS_ID[w.getUTCDay()]}, ${w.getUTCDate()} ${MONTHS_ID[w.getUTCMonth()]} ${w.getUTCFullYear()} pukul ${hh}.${mm} WIB`
    : `${DAYS_EN[w.getUTCDay()]}, ${w.getUTCDate()} ${MONTHS_EN[w.getUTCMonth()]} ${w.getUTCFullYear()}, ${hh}:${mm} WIB`;
}

/** One conversation on a given calendar, its clock starting at the real now. */
function chat(calendar: BusinessCalendarInput, options: { agentDesk?: boolean } = {}) {
  const decide = createDecider(
    testSettings({
      calendar,
      agentDesk: options.agentDesk ?? true,
      handoffReceiptQuietMs: 30 * MINUTE,
    }),
  );
  const start = Date.now();
  let nowMs = start;
  let state: ConversationState = stateWith({ channel: "TELEGRAM", lastUserEventAt: null });
  let last: readonly Effect[] = [];
  const send = (event: EventInput, afterMs = MINUTE) => {
    nowMs += afterMs;
    const result = decide(state, {
      ...event,
      at: new Date(nowMs).toISOString(),
    } as ConversationEvent);
    state = result.state;
    last = result.effects;
    return result.effects;
  };
  return {
    start,
    text: (text: string, afterMs?: number) => send({ type: "text", text }, afterMs),
    send,
    get state() {
      return state;
    },
    get reply() {
      return replyText(last);
    },
    get effects() {
      return last;
    },
    get nowMs() {
      return nowMs;
    },
  };
}

const handOffOf = (effects: readonly Effect[]) => effects.find((e) => e.type === "handOff");

describe("asking for a person", () => {
  it("out of hours, says so and names the next opening, in the user's language", () => {
    const { calendar, opensAt } = closedForAWeek(new Date());
    const c = chat(calendar);
    c.text("halo");
    c.text("petugas");
    expect(effectTypes(c.effects)).toEqual(["handOff", "reply"]);
    expect(c.reply).toContain("di luar jam layanan");
    expect(c.reply).toContain(`Petugas akan membalas mulai ${spoken(opensAt, "id")}.`);
    expect(c.reply).toContain("Ketik menu bila ingin kembali ke menu bot.");
    // The check that someone answered is due at the end of the helpdesk stage's 15 working minutes.
    expect(handOffOf(c.effects)).toMatchObject({
      answerBy: new Date(opensAt.getTime() + 15 * MINUTE).toISOString(),
    });

    const english = chat(calendar);
    english.text("english");
    english.text("agent");
    expect(english.reply).toContain(`A staff member will answer from ${spoken(opensAt, "en")}.`);
    expect(english.reply).not.toMatch(/Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|pukul/u);
  });

  it("in office hours, promises an answer within the service time, by a time", () => {
    const c = chat(openAroundNow(new Date()));
    c.text("petugas");
    const due = new Date(c.nowMs + 15 * MINUTE);
    // The time alone when it is today; a few minutes before midnight, the day too.
    const sameDay = wibDate(due) === wibDate(new Date(c.nowMs));
    const by = sameDay ? spoken(due, "id").split("pukul ")[1] : spoken(due, "id");
    expect(c.reply).toContain(`Petugas akan membalas dalam 15 menit kerja, paling lambat ${by}.`);
    expect(handOffOf(c.effects)).toMatchObject({
      since: new Date(c.nowMs).toISOString(),
      answerBy: due.toISOString(),
    });
  });

  it("without an agents group, gives the office's contacts and promises no one", () => {
    const c = chat(openAroundNow(new Date()), { agentDesk: false });
    c.text("halo");
    c.text("petugas");
    expect(effectTypes(c.effects)).toEqual(["reply"]);
    expect(c.state.mode.type).toBe("menu");
    expect(c.reply).toContain("percakapan langsung dengan petugas belum tersedia");
    expect(c.reply).toContain("Telepon/WhatsApp Helpdesk: 0811579941");
    expect(c.reply).toContain("Jalan Raya Ngabang");
    expect(c.reply).toContain("Jam layanan: Senin-Jumat 08.00-16.00 WIB");
    expect(c.reply).not.toMatch(/akan membalas|kami teruskan/u);
  });

  it("without an agents group, repeated failures offer the office's contacts, not a person", () => {
    const decide = createDecider(testSettings({ agentDesk: false }));
    const at = new Date().toISOString();
    const state = stateWith({
      mode: { type: "intake", step: "nik", failures: 2, editing: false },
      draft: emptyTestDraft({ category: "LUPA_PASSWORD", consentAt: at, name: "Budi" }),
      lastUserEventAt: at,
    });
    const result = decide(state, { type: "text", at, text: "123" });
    expect(result.state.mode.type).toBe("humanOffer");
    expect(replyText(result.effects)).toContain("Telepon/WhatsApp Helpdesk: 0811579941");
    expect(choiceIds(result.effects)).toEqual(["offer.retry", "offer.menu"]);
    // "petugas" from there gives the contacts again and keeps the question open.
    const asked = decide(result.state, { type: "text", at, text: "petugas" });
    expect(effectTypes(asked.effects)).toEqual(["reply"]);
    expect(asked.state.mode.type).toBe("menu");
  });
});

describe("waiting for the person", () => {
  function waiting(calendar = openAroundNow(new Date())) {
    const c = chat(calendar);
    c.text("halo");
    c.text("petugas");
    return c;
  }

  it("acknowledges the first message, not the next, and again after a silence", () => {
    const c = waiting();
    c.text("Akun saya terkunci");
    expect(effectTypes(c.effects)).toEqual(["relayToDesk", "reply"]);
    expect(c.reply).toContain("Pesan Bapak/Ibu sudah kami teruskan kepada petugas.");
    c.text("sudah saya coba reset", 2 * MINUTE);
    expect(effectTypes(c.effects)).toEqual(["relayToDesk"]);
    c.text("halo? ada orang?", 31 * MINUTE);
    expect(effectTypes(c.effects)).toEqual(["relayToDesk", "reply"]);
    expect(c.reply).toContain("sudah kami teruskan kepada petugas");
  });

  it("a receipt after the service time passed says 'as soon as possible', not a time gone by", () => {
    const c = waiting();
    c.text("pertama");
    c.text("masih menunggu", 40 * MINUTE);
    expect(c.reply).toContain("Petugas akan membalas secepatnya.");
  });

  it("out of hours, the receipt repeats when someone will answer", () => {
    const { calendar, opensAt } = closedForAWeek(new Date());
    const c = waiting(calendar);
    c.text("halo? ada orang?");
    expect(c.reply).toContain(`mulai ${spoken(opensAt, "id")}`);
  });

  it.each([
    ["menu", "menu"],
    ["batal", "cancel"],
    ["selesai", "done"],
    ["done", "done"],
  ])("'%s' leaves the wait, tells the desk (%s) and shows the menu", (word, how) => {
    const c = waiting();
    c.text(word);
    expect(c.effects[0]).toEqual({ type: "leaveHandoff", how });
    expect(effectTypes(c.effects)).toEqual(["leaveHandoff", "reply"]);
    expect(c.reply).toContain("percakapan dengan petugas kami akhiri");
    expect(c.reply).toContain("Menu utama");
    expect(c.state.mode.type).toBe("menu");
    // Back with the bot: the next message is answered by it, not relayed.
    c.text("2");
    expect(effectTypes(c.effects)).toEqual(["reply"]);
    expect(c.state.mode.type).toBe("statusAsk");
  });

  it("'bahasa' switches language and keeps the wait, relaying nothing", () => {
    const c = waiting();
    c.text("bahasa");
    expect(effectTypes(c.effects)).toEqual(["setLanguage", "reply"]);
    expect(c.state.language).toBe("en");
    expect(c.state.mode.type).toBe("withAgent");
    expect(c.reply).toContain("Language changed to English.");
    expect(c.reply).toContain("You are still connected to the helpdesk staff");
  });

  it("'petugas' again is answered with the receipt, not relayed", () => {
    const c = waiting();
    c.text("petugas");
    expect(effectTypes(c.effects)).toEqual(["reply"]);
    expect(c.reply).toContain("sudah kami teruskan kepada petugas");
  });
});

describe("no agent within the service time", () => {
  function overdue() {
    const c = chat(openAroundNow(new Date()));
    c.text("petugas");
    const since = c.state.mode.type === "withAgent" ? c.state.mode.since : "";
    c.send({ type: "handoffCheck", since, answered: false }, 15 * MINUTE);
    return { c, since };
  }

  it("says so once and offers a ticket instead", () => {
    const { c, since } = overdue();
    expect(c.reply).toContain(
      "belum ada petugas yang membalas dalam waktu layanan (15 menit kerja)",
    );
    expect(
      c.effects.flatMap((e) => (e.type === "reply" ? (e.choices ?? []).map((x) => x.id) : [])),
    ).toEqual(["handoff.ticket", "handoff.wait"]);
    expect(c.state.mode.type).toBe("withAgent");
    c.send({ type: "handoffCheck", since, answered: false });
    expect(c.effects).toEqual([]);
  });

  it("choosing the ticket leaves the wait and starts the request", () => {
    const { c } = overdue();
    c.send({ type: "choice", optionId: "handoff.ticket" });
    expect(c.effects[0]).toEqual({ type: "leaveHandoff", how: "ticket" });
    expect(c.state.mode).toMatchObject({ type: "intake", step: "category" });
    expect(c.reply).toContain("Silakan pilih kategori");
  });

  it("typing the offer's number on WhatsApp picks it too; 'wait' keeps the chat with the agent", () => {
    const { c } = overdue();
    c.text("2");
    expect(effectTypes(c.effects)).toEqual(["reply"]);
    expect(c.reply).toContain("tetap terhubung dengan petugas");
    expect(c.state.mode).toMatchObject({ type: "withAgent", ticketOffered: false });
    c.text("1");
    expect(effectTypes(c.effects)).toEqual(["relayToDesk"]);
  });

  it("says nothing when an agent answered, or for a hand-off that is over", () => {
    const c = chat(openAroundNow(new Date()));
    c.text("petugas");
    const since = c.state.mode.type === "withAgent" ? c.state.mode.since : "";
    c.send({ type: "handoffCheck", since, answered: true }, 15 * MINUTE);
    expect(c.effects).toEqual([]);
    c.text("menu");
    c.send({ type: "handoffCheck", since, answered: false });
    expect(c.effects).toEqual([]);
  });
});
