import { describe, expect, it } from "vitest";
import {
  type ConversationState,
  conversationStateSchema,
  createDecider,
  type Effect,
  initialState,
} from "../../../core/domain/conversation/index.ts";
import {
  ChatDriver,
  effectTypes,
  isoAfter,
  MINUTE,
  replyText,
  stateWith,
  testSettings,
} from "../../fixtures/conversation.builders.ts";

const decide = createDecider(testSettings());
const AT = isoAfter(MINUTE);
const OPEN = { number: "LDK-2026-00042", status: "DIPROSES" as const };
const relays = (effects: readonly Effect[]) => effects.filter((e) => e.type === "relayToDesk");

const withAgent = (openTicket: ConversationState["openTicket"] = null): ConversationState => ({
  // Acknowledged already: what follows goes to the agent without a receipt.
  ...stateWith({
    mode: { type: "withAgent", since: isoAfter(0), reason: "userRequest", receiptAt: isoAfter(0) },
  }),
  openTicket,
});
const atRest = (openTicket: ConversationState["openTicket"] = OPEN): ConversationState => ({
  ...stateWith(),
  openTicket,
});

describe("while an agent has the chat", () => {
  it.each<[string, Parameters<typeof decide>[1], unknown]>([
    [
      "a text",
      { type: "text", at: AT, text: "Pak, sudah saya coba lagi" },
      { kind: "text", text: "Pak, sudah saya coba lagi" },
    ],
    [
      "a photo",
      { type: "media", at: AT, kind: "image", mime: "image/jpeg", size: 1000, mediaId: "m-1" },
      { kind: "media", mediaId: "m-1", mime: "image/jpeg" },
    ],
    [
      "a sticker, as a note",
      { type: "media", at: AT, kind: "sticker", mime: null, size: null, mediaId: null },
      { kind: "unsupported", mediaKind: "sticker" },
    ],
    [
      "a shared contact",
      { type: "contact", at: AT, phone: "+6281234567890" },
      {
        kind: "text",
        text: "+6281234567890",
      },
    ],
    [
      "a command word that means nothing here",
      { type: "text", at: AT, text: "kembali" },
      { kind: "text", text: "kembali" },
    ],
  ])("%s is relayed, unanswered", (_name, event, content) => {
    const result = decide(withAgent(), event);
    expect(result.effects).toEqual([{ type: "relayToDesk", content, ticketNumber: null }]);
    expect(result.state.mode.type).toBe("withAgent");
  });

  it("names the open ticket so the desk posts in its topic", () => {
    const result = decide(withAgent(OPEN), { type: "text", at: AT, text: "halo" });
    expect(relays(result.effects)).toEqual([
      { type: "relayToDesk", content: { kind: "text", text: "halo" }, ticketNumber: OPEN.number },
    ]);
  });

  it("an old button press reaches no one, and is answered rather than met with silence", () => {
    const result = decide(withAgent(), { type: "choice", at: AT, optionId: "menu.apply" });
    expect(effectTypes(result.effects)).toEqual(["reply"]);
    expect(replyText(result.effects)).toContain("masih terhubung dengan petugas Helpdesk");
    expect(result.state.mode.type).toBe("withAgent");
  });
});

describe("at rest with an open ticket", () => {
  it("a free text goes to the ticket's agents, with a receipt", () => {
    const result = decide(atRest(), { type: "text", at: AT, text: "Apakah sudah ada kabar?" });
    expect(effectTypes(result.effects)).toEqual(["relayToDesk", "reply"]);
    expect(replyText(result.effects)).toBe(
      "Pesan Bapak/Ibu sudah kami teruskan ke petugas untuk tiket LDK-2026-00042. Ketik menu untuk menu utama.",
    );
    expect(result.state.mode.type).toBe("idle");
  });

  it("a file is relayed and kept (not released as an orphan)", () => {
    const result = decide(atRest(), {
      type: "media",
      at: AT,
      kind: "image",
      mime: "image/png",
      size: 2000,
      mediaId: "m-2",
    });
    expect(effectTypes(result.effects)).toEqual(["relayToDesk", "reply"]);
  });

  it("while the ticket waits for the user's documents, a file is acknowledged as attached", () => {
    const state = atRest({ number: OPEN.number, status: "MENUNGGU_PENGGUNA" });
    const result = decide(state, {
      type: "media",
      at: AT,
      kind: "document",
      mime: "application/pdf",
      size: 2000,
      mediaId: "m-3",
    });
    expect(replyText(result.effects)).toContain("sudah kami terima dan lampirkan pada tiket");
  });

  it.each([
    ["menu", "menu", "Silakan pilih layanan"],
    ["petugas", "withAgent", "petugas"],
    ["bantuan", "menu", "Perintah yang dapat diketik"],
  ])("%s still works as a command", (text, mode, reply) => {
    const result = decide(atRest(), { type: "text", at: AT, text });
    expect(relays(result.effects)).toEqual([]);
    expect(result.state.mode.type).toBe(mode);
    expect(replyText(result.effects)).toContain(reply);
  });

  it("a sticker gets the usual answer, not a relay", () => {
    const result = decide(atRest(), {
      type: "media",
      at: AT,
      kind: "sticker",
      mime: null,
      size: null,
      mediaId: null,
    });
    expect(relays(result.effects)).toEqual([]);
    expect(replyText(result.effects)).toContain("stiker");
  });

  it("in the menu a menu answer is a menu answer, not a relay", () => {
    const state = { ...atRest(), mode: { type: "menu" as const, failures: 0 } };
    const result = decide(state, { type: "text", at: AT, text: "2" });
    expect(relays(result.effects)).toEqual([]);
    expect(result.state.mode.type).toBe("statusAsk");
  });

  it("in the menu a message that picks nothing goes to the agents", () => {
    const state = { ...atRest(), mode: { type: "menu" as const, failures: 0 } };
    const result = decide(state, { type: "text", at: AT, text: "Apakah sudah ada kabar?" });
    expect(effectTypes(result.effects)).toEqual(["relayToDesk", "reply"]);
    expect(result.state.mode.type).toBe("idle");
  });

  it("in the menu without an open ticket an unknown answer is a failed try, as before", () => {
    const state = { ...atRest(null), mode: { type: "menu" as const, failures: 0 } };
    const result = decide(state, { type: "text", at: AT, text: "Apakah sudah ada kabar?" });
    expect(relays(result.effects)).toEqual([]);
    expect(result.state.mode).toEqual({ type: "menu", failures: 1 });
  });

  it("without an open ticket the menu answers, as before", () => {
    const result = decide(atRest(null), { type: "text", at: AT, text: "halo" });
    expect(relays(result.effects)).toEqual([]);
    expect(replyText(result.effects)).toContain("Selamat datang");
  });

  it("in English", () => {
    const state = { ...atRest(), language: "en" as const };
    const result = decide(state, { type: "text", at: AT, text: "any news?" });
    expect(replyText(result.effects)).toContain("We have passed your message on");
  });
});

describe("knowing the open ticket", () => {
  it("is set when a ticket is filed, followed on status changes and cleared when it ends", () => {
    const chat = new ChatDriver({ mode: { type: "submitting", since: isoAfter(0) } });
    chat.send({ type: "ticketCreated", ticketNumber: "LDK-2026-00042" });
    expect(chat.state.openTicket).toEqual({ number: "LDK-2026-00042", status: "BARU" });
    for (const status of ["DITERIMA", "MENUNGGU_PENGGUNA", "DIPROSES"] as const) {
      expect(
        chat.send({ type: "ticketStatusChanged", ticketNumber: "LDK-2026-00042", status }),
      ).toEqual([]);
      expect(chat.state.openTicket).toEqual({ number: "LDK-2026-00042", status });
    }
    chat.send({ type: "ticketStatusChanged", ticketNumber: "LDK-2026-00042", status: "SELESAI" });
    expect(chat.state.openTicket).toBeNull();
  });

  it.each(["SELESAI", "DITUTUP", "DITOLAK", "DIBATALKAN"] as const)(
    "%s of another ticket leaves the open one",
    (status) => {
      const chat = new ChatDriver();
      chat.state = atRest();
      chat.send({ type: "ticketStatusChanged", ticketNumber: "LDK-2025-00001", status });
      expect(chat.state.openTicket).toEqual(OPEN);
    },
  );

  it("a status look-up of an own open ticket teaches it to a conversation stored before", () => {
    const chat = new ChatDriver();
    chat.send({
      type: "statusResult",
      ticketNumber: "LDK-2026-00042",
      status: "DIPROSES",
      updatedAt: null,
    });
    expect(chat.state.openTicket).toEqual(OPEN);
  });

  it("does not disturb a question in progress", () => {
    const chat = new ChatDriver({ mode: { type: "statusAsk", failures: 1 } });
    chat.send({ type: "ticketStatusChanged", ticketNumber: OPEN.number, status: "DIPROSES" });
    expect(chat.state.mode).toEqual({ type: "statusAsk", failures: 1 });
  });

  it("a state stored before these fields existed still parses, as null", () => {
    const { openTicket: _o, pendingSurvey: _p, ...old } = initialState({ channel: "TELEGRAM" });
    const parsed = conversationStateSchema.parse(JSON.parse(JSON.stringify(old)));
    expect(parsed.openTicket).toBeNull();
    expect(parsed.pendingSurvey).toBeNull();
  });
});

describe("the hand-off as the desk drives it", () => {
  it("agent-initiated start, relays, then the end", () => {
    const chat = new ChatDriver();
    chat.state = atRest();
    expect(chat.send({ type: "handoffStarted" })).toEqual([]);
    expect(chat.state.mode).toMatchObject({ type: "withAgent", reason: "agentInitiated" });
    expect(effectTypes(chat.text("terima kasih pak"))).toEqual(["relayToDesk"]);
    chat.send({ type: "handoffEnded" });
    expect(chat.mode).toBe("idle");
    expect(chat.reply).toContain("Sesi dengan petugas telah selesai");
  });
});
