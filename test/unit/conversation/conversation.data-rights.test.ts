import { describe, expect, it } from "vitest";
import {
  type ConversationState,
  createDecider,
  type Effect,
  type Mode,
  type MyDataSnapshot,
  parseGlobalCommand,
} from "../../../core/domain/conversation/index.ts";
import {
  ChatDriver,
  choiceIds,
  completeDraft,
  effectTypes,
  isoAfter,
  MINUTE,
  replies,
  replyText,
  stateWith,
  testSettings,
} from "../../fixtures/conversation.builders.ts";

const decide = createDecider(
  testSettings({ retentionAttachmentDays: 90, retentionPersonalDays: 365 }),
);
const AT = isoAfter(MINUTE);
const say = (state: ConversationState, text: string) =>
  decide(state, { type: "text", at: AT, text });

const nikStep: Mode = { type: "intake", step: "nik", failures: 1, editing: false };
const draft = completeDraft();
const OPEN = { number: "LDK-2026-00042", status: "DIPROSES" as const };

const STATES: Record<string, ConversationState> = {
  idle: stateWith(),
  menu: stateWith({ mode: { type: "menu", failures: 0 } }),
  "intake:nik": stateWith({ mode: nikStep, draft }),
  statusAsk: stateWith({ mode: { type: "statusAsk", failures: 0 } }),
  submitting: stateWith({ mode: { type: "submitting", since: isoAfter(0) }, draft }),
  // Acknowledged already: what follows goes to the agent without a receipt.
  withAgent: stateWith({
    mode: { type: "withAgent", since: isoAfter(0), reason: "userRequest", receiptAt: isoAfter(0) },
  }),
  "idle (open ticket)": { ...stateWith(), openTicket: OPEN },
};

describe("the data-rights commands", () => {
  it.each([
    ["data saya", "myData"],
    ["Data Saya", "myData"],
    ["my data", "myData"],
    ["lihat data saya", "myData"],
    ["hapus data saya", "deleteData"],
    ["HAPUS DATA SAYA!", "deleteData"],
    ["delete my data", "deleteData"],
  ])("%s is %s", (text, type) => {
    expect(parseGlobalCommand(text)?.type).toBe(type);
  });

  it("an answer that merely mentions them is no command", () => {
    expect(parseGlobalCommand("data saya di SPSE hilang setelah login")).toBeNull();
  });
});

type Expectation = { mode: string; effects: string[]; reply?: string };

describe('"data saya"', () => {
  it.each<[string, Expectation]>([
    ["idle", { mode: "idle", effects: ["showMyData"] }],
    ["menu", { mode: "menu", effects: ["showMyData"] }],
    ["intake:nik", { mode: "intake", effects: ["showMyData"] }],
    ["statusAsk", { mode: "statusAsk", effects: ["showMyData"] }],
    ["submitting", { mode: "submitting", effects: ["reply"], reply: "sedang kami kirim" }],
    // The agent has the chat: it is theirs to answer.
    ["withAgent", { mode: "withAgent", effects: ["relayToDesk"] }],
  ])("in %s", (name, expected) => {
    const result = say(STATES[name] ?? stateWith(), "data saya");
    expect(result.state.mode.type).toBe(expected.mode);
    expect(effectTypes(result.effects)).toEqual(expected.effects);
    if (expected.reply) expect(replyText(result.effects)).toContain(expected.reply);
  });
});

const snapshot: MyDataSnapshot = {
  channel: "WHATSAPP",
  language: "id",
  phoneMasked: "+62812•••••890",
  tickets: [
    {
      number: "LDK-2026-00042",
      category: "LUPA_PASSWORD",
      status: "DIPROSES",
      createdAt: "2026-11-20T02:00:00.000Z",
      closedAt: null,
      name: "Budi Santoso",
      nikMasked: "6171••••••••0001",
      emailMasked: "b•••@majubersama.co.id",
      organisation: "CV Maju Bersama",
      anonymised: false,
      documents: [
        { kind: "KTP", createdAt: "2026-11-20T02:00:00.000Z", purged: false },
        { kind: "SCREENSHOT", createdAt: "2026-11-20T02:01:00.000Z", purged: true },
      ],
    },
    {
      number: "LDK-2025-00007",
      category: "AKTIVASI_AKUN",
      status: "DITUTUP",
      createdAt: "2025-01-05T02:00:00.000Z",
      closedAt: "2025-01-06T02:00:00.000Z",
      name: null,
      nikMasked: null,
      emailMasked: null,
      organisation: null,
      anonymised: true,
      documents: [],
    },
  ],
  moreTickets: 3,
  linkedTickets: 0,
  complaints: 1,
  deletionPendingSince: "2026-11-27T03:00:00.000Z",
};

describe("the answer to data saya", () => {
  it("shows what we hold, masked, with who sees it and for how long", () => {
    const result = decide(stateWith(), { type: "myDataResult", at: AT, data: snapshot });
    const text = replyText(result.effects);
    for (const part of [
      "Data pribadi Bapak/Ibu yang kami simpan",
      "Kanal: WhatsApp",
      "+62812•••••890",
      "LDK-2026-00042 (Lupa password",
      "NIK: 6171••••••••0001",
      "E-mail: b•••@majubersama.co.id",
      "KTP, Jumat, 20 November 2026 pukul",
      "Screenshot, Jumat, 20 November 2026 pukul",
      "(file sudah dihapus)",
      "sudah dihapus sesuai jadwal retensi",
      "dan 3 tiket lain",
      "Pengaduan layanan: 1",
      "menunggu persetujuan sejak Jumat, 27 November 2026 pukul",
      "90 hari",
      "365 hari",
      "hanya petugas Helpdesk",
    ]) {
      expect(text).toContain(part);
    }
    expect(result.state).toEqual(stateWith());
  });

  it("speaks English to an English user", () => {
    const english = stateWith({ language: "en" });
    const result = decide(english, { type: "myDataResult", at: AT, data: snapshot });
    const text = replyText(result.effects);
    expect(text).toContain("The personal data we hold about you");
    expect(text).toContain("Who can see it");
    expect(text).toContain("90 days");
    expect(text).not.toContain("Bapak/Ibu");
  });

  it("mid-question, answers and asks the question again", () => {
    const result = decide(STATES["intake:nik"] ?? stateWith(), {
      type: "myDataResult",
      at: AT,
      data: { ...snapshot, tickets: [], moreTickets: 0, deletionPendingSince: null },
    });
    expect(effectTypes(result.effects)).toEqual(["reply", "reply"]);
    expect(replyText(result.effects)).toContain("belum ada tiket");
    expect(replyText(result.effects)).toContain("Mohon kirim NIK");
    expect(result.state.mode).toEqual(nikStep);
  });
});

describe('"hapus data saya"', () => {
  const CONFIRM = "Bapak/Ibu meminta penghapusan data pribadi";
  it.each<[string, Expectation & { returnTo?: string | null }]>([
    ["idle", { mode: "deleteConfirm", effects: ["reply"], reply: CONFIRM, returnTo: null }],
    ["menu", { mode: "deleteConfirm", effects: ["reply"], reply: CONFIRM, returnTo: "menu" }],
    [
      "intake:nik",
      { mode: "deleteConfirm", effects: ["reply"], reply: CONFIRM, returnTo: "intake" },
    ],
    [
      "idle (open ticket)",
      { mode: "deleteConfirm", effects: ["reply"], reply: "tiket LDK-2026-00042 masih diproses" },
    ],
    ["submitting", { mode: "submitting", effects: ["reply"], reply: "sedang kami kirim" }],
    ["withAgent", { mode: "withAgent", effects: ["relayToDesk"] }],
  ])("in %s", (name, expected) => {
    const result = say(STATES[name] ?? stateWith(), "hapus data saya");
    expect(result.state.mode.type).toBe(expected.mode);
    expect(effectTypes(result.effects)).toEqual(expected.effects);
    if (expected.reply) expect(replyText(result.effects)).toContain(expected.reply);
    if (expected.returnTo !== undefined && result.state.mode.type === "deleteConfirm") {
      expect(result.state.mode.returnTo?.type ?? null).toBe(expected.returnTo);
    }
  });

  it("explains what goes and what stays, with confirm and cancel choices", () => {
    const result = say(stateWith(), "hapus data saya");
    const text = replyText(result.effects);
    expect(text).toContain("Statistik layanan tanpa identitas");
    expect(text).toContain("supervisor");
    expect(choiceIds(result.effects)).toEqual(["delete.confirm", "delete.cancel"]);
  });

  it("confirmed: asks the app for a request, then says it awaits a supervisor", () => {
    const chat = new ChatDriver();
    chat.text("hapus data saya");
    expect(effectTypes(chat.choose("delete.confirm"))).toEqual(["requestDeletion"]);
    expect(chat.mode).toBe("idle");
    chat.send({ type: "deletionResult", outcome: "requested", openTicketNumber: null });
    expect(chat.reply).toContain("menunggu persetujuan supervisor");
    expect(chat.reply).not.toContain("tidak dapat ditangani");
  });

  it("typed yes works as well as the button", () => {
    const chat = new ChatDriver();
    chat.text("hapus data saya");
    expect(effectTypes(chat.text("ya"))).toEqual(["requestDeletion"]);
  });

  it("warns again about an open ticket in the receipt", () => {
    const chat = new ChatDriver();
    chat.send({
      type: "deletionResult",
      outcome: "requested",
      openTicketNumber: "LDK-2026-00042",
    });
    expect(chat.reply).toContain("tiket LDK-2026-00042 masih diproses");
  });

  it("a second request while one is pending says so", () => {
    const chat = new ChatDriver();
    chat.send({ type: "deletionResult", outcome: "alreadyPending", openTicketNumber: null });
    expect(chat.reply).toContain("sebelumnya masih menunggu persetujuan");
  });

  it.each([
    ["the cancel button", (chat: ChatDriver) => chat.choose("delete.cancel")],
    ["tidak", (chat: ChatDriver) => chat.text("tidak")],
    ["batal", (chat: ChatDriver) => chat.text("batal")],
    ["kembali", (chat: ChatDriver) => chat.text("kembali")],
  ])("%s keeps the data and goes back to the question", (_name, answer) => {
    const chat = new ChatDriver({ mode: nikStep, draft });
    chat.text("hapus data saya");
    const effects = answer(chat);
    expect(effectTypes(effects)).toEqual(["reply"]);
    expect(chat.reply).toContain("data Bapak/Ibu tidak dihapus");
    expect(chat.reply).toContain("Mohon kirim NIK");
    expect(chat.state.mode).toMatchObject({ type: "intake", step: "nik" });
    expect(chat.state.draft).toEqual(draft);
  });

  it("an unclear answer asks again without counting failures", () => {
    const chat = new ChatDriver();
    chat.text("hapus data saya");
    for (let i = 0; i < 5; i++) {
      chat.text("hmm entahlah");
      expect(chat.mode).toBe("deleteConfirm");
    }
    expect(chat.reply).toContain("pilihan tersebut belum kami kenali");
  });

  it("in English", () => {
    const chat = new ChatDriver({ language: "en" });
    chat.text("delete my data");
    expect(chat.reply).toContain("You are asking us to erase your personal data");
    chat.choose("delete.confirm");
    chat.send({ type: "deletionResult", outcome: "requested", openTicketNumber: null });
    expect(chat.reply).toContain("awaits a helpdesk supervisor's approval");
  });
});

describe("the data rights in the main menu", () => {
  const labels = (effects: readonly Effect[]) =>
    replies(effects).flatMap((reply) => reply.choices?.map((choice) => choice.label) ?? []);
  const menu = (failures = 0) => stateWith({ mode: { type: "menu", failures } });
  const pick = (state: ConversationState, event: { text: string } | { optionId: string }) =>
    decide(
      state,
      "text" in event
        ? { type: "text", at: AT, text: event.text }
        : { type: "choice", at: AT, optionId: event.optionId },
    );

  it("lists both, after the five services whose numbers users know", () => {
    const result = say(stateWith(), "halo");
    expect(choiceIds(result.effects).slice(5)).toEqual(["menu.myData", "menu.deleteData"]);
    expect(labels(result.effects).slice(4)).toEqual([
      "Bicara dengan petugas",
      "Data saya: lihat data pribadi yang kami simpan",
      "Hapus data saya: minta penghapusan data pribadi",
    ]);
  });

  it("in English too", () => {
    const result = say(stateWith({ language: "en" }), "menu");
    expect(labels(result.effects).slice(5)).toEqual([
      "My data: see the personal data we hold",
      "Delete my data: ask for your personal data to be erased",
    ]);
  });

  it.each([{ text: "6" }, { optionId: "menu.myData" }, { text: "lihat data pribadi" }])(
    "%j asks the app for the user's data, as typing data saya does",
    (event) => {
      const result = pick(menu(2), event);
      expect(effectTypes(result.effects)).toEqual(["showMyData"]);
      // A good pick clears the failed tries.
      expect(result.state.mode).toEqual({ type: "menu", failures: 0 });
      expect(result.effects).toEqual(say(menu(0), "data saya").effects);
    },
  );

  it.each([{ text: "7" }, { optionId: "menu.deleteData" }, { text: "hapus data" }])(
    "%j asks to confirm the erasure; no goes back to the menu",
    (event) => {
      const result = pick(menu(1), event);
      expect(result.state.mode).toEqual({
        type: "deleteConfirm",
        returnTo: { type: "menu", failures: 0 },
      });
      expect(replyText(result.effects)).toContain("Bapak/Ibu meminta penghapusan data pribadi");
      expect(choiceIds(result.effects)).toEqual(["delete.confirm", "delete.cancel"]);
      const kept = decide(result.state, { type: "choice", at: AT, optionId: "delete.cancel" });
      expect(kept.state.mode).toEqual({ type: "menu", failures: 0 });
      expect(replyText(kept.effects)).toContain("data Bapak/Ibu tidak dihapus");
      expect(choiceIds(kept.effects)).toContain("menu.deleteData");
    },
  );

  it("confirmed from the menu, files the request", () => {
    const chat = new ChatDriver({ mode: { type: "menu", failures: 0 } });
    chat.text("7");
    expect(effectTypes(chat.choose("delete.confirm"))).toEqual(["requestDeletion"]);
  });

  it("with a ticket open, a message that merely mentions data still goes to the agents", () => {
    const state = { ...menu(), openTicket: OPEN };
    const result = say(state, "data saya di SPSE hilang setelah login");
    expect(effectTypes(result.effects)).toEqual(["relayToDesk", "reply"]);
  });
});
