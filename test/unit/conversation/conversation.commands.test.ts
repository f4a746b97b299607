import { describe, expect, it } from "vitest";
import {
  type ConversationState,
  createDecider,
  INTAKE_STEPS,
  type Mode,
} from "../../../core/domain/conversation/index.ts";
import {
  completeDraft,
  effectTypes,
  isoAfter,
  MINUTE,
  replyText,
  stateWith,
  testSettings,
} from "../../fixtures/conversation.builders.ts";

const decide = createDecider(testSettings());
const AT = isoAfter(MINUTE);
const say = (state: ConversationState, text: string) =>
  decide(state, { type: "text", at: AT, text });

const nikStep: Mode = { type: "intake", step: "nik", failures: 1, editing: false };
const draft = completeDraft();

/** One state per mode the user can be in. */
const STATES: Record<string, ConversationState> = {
  idle: stateWith(),
  menu: stateWith({ mode: { type: "menu", failures: 0 } }),
  "menu (with a draft)": stateWith({ mode: { type: "menu", failures: 0 }, draft }),
  "intake:category": stateWith({
    mode: { type: "intake", step: "category", failures: 0, editing: false },
    draft: completeDraft({ category: null, consentAt: null, name: null, nik: null }),
  }),
  "intake:nik": stateWith({ mode: nikStep, draft }),
  "intake:nik (editing)": stateWith({
    mode: { type: "intake", step: "nik", failures: 0, editing: true },
    draft,
  }),
  summary: stateWith({ mode: { type: "summary", failures: 0 }, draft }),
  editPick: stateWith({ mode: { type: "editPick", failures: 0 }, draft }),
  statusAsk: stateWith({ mode: { type: "statusAsk", failures: 0 } }),
  complaintAsk: stateWith({ mode: { type: "complaintAsk", failures: 0 } }),
  resumePrompt: stateWith({ mode: { type: "resumePrompt", failures: 0 }, draft }),
  confirmCancel: stateWith({ mode: { type: "confirmCancel", returnTo: nikStep }, draft }),
  humanOffer: stateWith({ mode: { type: "humanOffer", returnTo: nikStep }, draft }),
  submitting: stateWith({ mode: { type: "submitting", since: isoAfter(0) }, draft }),
  withAgent: stateWith({
    mode: { type: "withAgent", since: isoAfter(0), reason: "userRequest" },
    draft,
  }),
};

// While an agent has the chat words go to the desk; "menu" and "batal" leave
// (the desk is told), "bahasa", "bantuan", "petugas" and status look-ups are
// answered, and the first message relayed gets a receipt.
type Expectation = { mode: string; reply?: string; effects?: string[] };

function modeLabel(state: ConversationState): string {
  const { mode } = state;
  if (mode.type === "intake") return `intake:${mode.step}${mode.editing ? " (editing)" : ""}`;
  if (mode.type === "confirmCancel" || mode.type === "humanOffer") {
    const back = mode.returnTo;
    return `${mode.type}>${back.type === "intake" ? `intake:${back.step}` : back.type}`;
  }
  return mode.type;
}

function check(command: string, table: Record<string, Expectation>) {
  describe(`"${command}"`, () => {
    it.each(Object.entries(table))("in %s", (name, expected) => {
      const state = STATES[name];
      if (state === undefined) throw new Error(`no state ${name}`);
      const result = say(state, command);
      expect(modeLabel(result.state)).toBe(expected.mode);
      if (expected.reply !== undefined) expect(replyText(result.effects)).toContain(expected.reply);
      if (expected.effects !== undefined)
        expect(effectTypes(result.effects)).toEqual(expected.effects);
    });
  });
}

const DRAFT_NOTE = "masih memiliki permohonan yang belum selesai";
const WAIT = "sedang kami kirim";
const CONFIRM = "Yakin ingin membatalkan permohonan?";
const LEFT = "percakapan dengan petugas kami akhiri";
const RECEIPT = "Pesan Bapak/Ibu sudah kami teruskan kepada petugas";

check("menu", {
  idle: { mode: "menu", reply: "Selamat datang" },
  menu: { mode: "menu", reply: "Menu utama" },
  "intake:nik": { mode: "menu", reply: DRAFT_NOTE },
  summary: { mode: "menu", reply: DRAFT_NOTE },
  statusAsk: { mode: "menu", reply: "Menu utama" },
  complaintAsk: { mode: "menu", reply: "Menu utama" },
  resumePrompt: { mode: "menu", reply: DRAFT_NOTE },
  humanOffer: { mode: "menu", reply: DRAFT_NOTE },
  submitting: { mode: "submitting", reply: WAIT },
  withAgent: { mode: "menu", reply: LEFT, effects: ["leaveHandoff", "reply"] },
});

check("batal", {
  idle: { mode: "menu", reply: "Tidak ada proses yang sedang berjalan" },
  menu: { mode: "menu", reply: "Tidak ada proses yang sedang berjalan" },
  "menu (with a draft)": { mode: "confirmCancel>menu", reply: CONFIRM },
  "intake:nik": { mode: "confirmCancel>intake:nik", reply: CONFIRM },
  summary: { mode: "confirmCancel>summary", reply: CONFIRM },
  editPick: { mode: "confirmCancel>editPick", reply: CONFIRM },
  resumePrompt: { mode: "confirmCancel>resumePrompt", reply: CONFIRM },
  statusAsk: { mode: "menu", reply: "Baik, dibatalkan." },
  complaintAsk: { mode: "menu", reply: "Baik, dibatalkan." },
  confirmCancel: {
    mode: "idle",
    reply: "Permohonan dibatalkan dan semua data yang sudah dikirim telah dihapus",
    effects: ["reply", "discardMedia"],
  },
  humanOffer: { mode: "confirmCancel>intake:nik", reply: CONFIRM },
  submitting: { mode: "submitting", reply: WAIT },
  withAgent: { mode: "menu", reply: LEFT, effects: ["leaveHandoff", "reply"] },
});

check("kembali", {
  idle: { mode: "menu" },
  menu: { mode: "menu" },
  "intake:category": { mode: "menu" },
  "intake:nik": { mode: "intake:name", reply: "Jawaban saat ini: Budi Santoso" },
  "intake:nik (editing)": { mode: "summary", reply: "Mohon periksa ringkasan" },
  summary: { mode: "intake:screenshots", reply: "Sudah ada 1 screenshot" },
  editPick: { mode: "summary" },
  statusAsk: { mode: "menu" },
  complaintAsk: { mode: "menu" },
  resumePrompt: { mode: "menu", reply: DRAFT_NOTE },
  confirmCancel: { mode: "intake:nik", reply: "Mohon kirim NIK" },
  humanOffer: { mode: "intake:nik", reply: "Mohon kirim NIK" },
  submitting: { mode: "submitting", reply: WAIT },
  withAgent: { mode: "withAgent", reply: RECEIPT, effects: ["relayToDesk", "reply"] },
});

const HELP = "Perintah yang dapat diketik kapan saja";
check("bantuan", {
  idle: { mode: "menu", reply: HELP },
  menu: { mode: "menu", reply: HELP },
  "intake:nik": { mode: "intake:nik", reply: "Mohon kirim NIK" },
  summary: { mode: "summary", reply: HELP },
  statusAsk: { mode: "statusAsk", reply: "Mohon kirim nomor tiket" },
  complaintAsk: { mode: "complaintAsk", reply: HELP },
  resumePrompt: { mode: "resumePrompt", reply: HELP },
  confirmCancel: { mode: "confirmCancel>intake:nik", reply: CONFIRM },
  humanOffer: { mode: "humanOffer>intake:nik", reply: HELP },
  withAgent: { mode: "withAgent", reply: HELP, effects: ["reply"] },
});

const HANDOFF = "permintaan Bapak/Ibu untuk berbicara dengan petugas Helpdesk telah kami teruskan";
check("petugas", {
  idle: { mode: "withAgent", reply: HANDOFF, effects: ["handOff", "reply"] },
  menu: { mode: "withAgent", reply: HANDOFF },
  "intake:nik": { mode: "withAgent", reply: "Senin-Jumat 08.00-16.00 WIB" },
  summary: { mode: "withAgent", reply: HANDOFF },
  statusAsk: { mode: "withAgent", reply: HANDOFF },
  complaintAsk: { mode: "withAgent", reply: HANDOFF },
  resumePrompt: { mode: "withAgent", reply: HANDOFF },
  confirmCancel: { mode: "withAgent", reply: HANDOFF },
  humanOffer: { mode: "withAgent", reply: HANDOFF },
  submitting: { mode: "withAgent", reply: HANDOFF },
  withAgent: { mode: "withAgent", reply: RECEIPT, effects: ["reply"] },
});

check("status LDK-2026-00007", {
  idle: { mode: "idle", effects: ["lookupStatus"] },
  menu: { mode: "menu", effects: ["lookupStatus"] },
  "intake:nik": { mode: "intake:nik", effects: ["lookupStatus"] },
  summary: { mode: "summary", effects: ["lookupStatus"] },
  statusAsk: { mode: "idle", effects: ["lookupStatus"] },
  complaintAsk: { mode: "complaintAsk", effects: ["lookupStatus"] },
  submitting: { mode: "submitting", reply: WAIT },
  withAgent: { mode: "withAgent", effects: ["lookupStatus"] },
});

check("english", {
  idle: { mode: "menu", reply: "Language changed to English.", effects: ["setLanguage", "reply"] },
  "intake:nik": { mode: "intake:nik", reply: "Please send your NIK" },
  summary: { mode: "summary", reply: "Please check the summary of your request" },
  statusAsk: { mode: "statusAsk", reply: "Please send your ticket number" },
  withAgent: {
    mode: "withAgent",
    reply: "Language changed to English.",
    effects: ["setLanguage", "reply"],
  },
});

describe("details of the commands", () => {
  it("hands off with the place the user was at", () => {
    const result = say(STATES["intake:nik"] ?? stateWith(), "petugas");
    expect(result.effects[0]).toEqual({
      type: "handOff",
      reason: "userRequest",
      context: "intake:nik",
      since: AT,
      answerBy: expect.any(String),
    });
    expect(result.state.mode).toEqual({
      type: "withAgent",
      since: AT,
      reason: "userRequest",
      receiptAt: null,
    });
    expect(result.state.draft).toEqual(draft);
  });

  it("asking for a human from the failure offer is reported as repeated failures", () => {
    const result = say(STATES.humanOffer ?? stateWith(), "petugas");
    expect(result.effects[0]).toMatchObject({
      type: "handOff",
      reason: "repeatedFailures",
      context: "humanOffer>intake:nik",
    });
  });

  it("looks the ticket up in canonical form", () => {
    const result = say(STATES.menu ?? stateWith(), "cek status ldk 2026 00007");
    expect(result.effects).toEqual([{ type: "lookupStatus", ticketNumber: "LDK-2026-00007" }]);
  });

  it("'bahasa' toggles back and forth and persists the choice", () => {
    const english = say(STATES["intake:nik"] ?? stateWith(), "bahasa");
    expect(english.state.language).toBe("en");
    expect(english.effects[0]).toEqual({ type: "setLanguage", language: "en" });
    const back = decide(english.state, { type: "text", at: isoAfter(2 * MINUTE), text: "bahasa" });
    expect(back.state.language).toBe("id");
    expect(replyText(back.effects)).toContain("Bahasa diubah ke Bahasa Indonesia.");
    expect(replyText(back.effects)).toContain("Mohon kirim NIK");
  });

  it("'status' without a number asks for it, then looks it up", () => {
    const asked = say(STATES["intake:nik"] ?? stateWith(), "status");
    expect(asked.state.mode.type).toBe("statusAsk");
    expect(asked.state.draft).toEqual(draft);
    const wrong = decide(asked.state, { type: "text", at: AT, text: "LDK-26-1" });
    expect(replyText(wrong.effects)).toContain("Format nomor tiket belum sesuai");
    const right = decide(wrong.state, { type: "text", at: AT, text: "ldk-2026-00042" });
    expect(right.effects).toEqual([{ type: "lookupStatus", ticketNumber: "LDK-2026-00042" }]);
  });
});

describe("commands at every intake step", () => {
  // A request where every question applies: upload failure, acting for someone else.
  const full = completeDraft({
    category: "GAGAL_UNGGAH_PENAWARAN",
    tenderCode: "10012345000",
    bidDeadline: "2026-11-30T07:00:00.000Z",
    actingForOther: true,
    suratKuasa: { mediaId: "media-kuasa", mime: "application/pdf" },
  });
  const steps = INTAKE_STEPS.map((step, index) => ({
    step,
    previous: index === 0 ? null : (INTAKE_STEPS[index - 1] ?? null),
  }));
  const at = (step: (typeof INTAKE_STEPS)[number]) =>
    stateWith({ mode: { type: "intake", step, failures: 2, editing: false }, draft: full });

  it.each(steps)("$step: 'kembali' goes to $previous", ({ step, previous }) => {
    const result = say(at(step), "kembali");
    expect(modeLabel(result.state)).toBe(previous === null ? "menu" : `intake:${previous}`);
  });

  it.each(steps)(
    "$step: 'bantuan' lists the commands and asks again, failures kept",
    ({ step }) => {
      const result = say(at(step), "bantuan");
      expect(replyText(result.effects)).toContain("Perintah yang dapat diketik kapan saja");
      expect(result.state.mode).toEqual({ type: "intake", step, failures: 2, editing: false });
    },
  );

  it.each(steps)("$step: 'batal' asks for confirmation", ({ step }) => {
    expect(modeLabel(say(at(step), "batal").state)).toBe(`confirmCancel>intake:${step}`);
  });

  it.each(steps)("$step: 'menu' keeps the draft", ({ step }) => {
    const result = say(at(step), "menu");
    expect(result.state.mode.type).toBe("menu");
    expect(result.state.draft).toEqual(full);
  });

  it.each(steps)("$step: 'petugas' hands off", ({ step }) => {
    const result = say(at(step), "petugas");
    expect(result.effects[0]).toMatchObject({
      type: "handOff",
      reason: "userRequest",
      context: `intake:${step}`,
    });
  });

  it.each(steps)("$step: 'english' asks the same question in English", ({ step }) => {
    const result = say(at(step), "english");
    expect(result.state.language).toBe("en");
    expect(result.state.mode).toMatchObject({ type: "intake", step });
    const reply = replyText(result.effects);
    expect(reply).toMatch(/^Language changed to English\.\n\n\S/u);
    expect(reply).not.toContain("Bapak/Ibu");
  });
});
