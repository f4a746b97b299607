// Captions: what a user writes on a photo or a file. Where the bot takes a
// file, the file is the answer (the app keeps the caption with it); anywhere
// else the caption is read as a typed message and the user hears that the
// file was not kept.
import { describe, expect, it } from "vitest";
import { CAPTION_KEPT, CAPTION_READ_AS_TEXT } from "../../../core/content/index.ts";
import {
  type ConversationEvent,
  type ConversationState,
  createDecider,
  type Effect,
} from "../../../core/domain/conversation/index.ts";
import {
  atStep,
  effectTypes,
  emptyTestDraft,
  isoAfter,
  MINUTE,
  replies,
  replyText,
  stateWith,
  testSettings,
} from "../../fixtures/conversation.builders.ts";

const decide = createDecider(testSettings());
const AT = isoAfter(MINUTE);
const OPEN = { number: "LDK-2026-00042", status: "DIPROSES" as const };
const CAPTION = "Gagal upload penawaran, batas jam 14.00 hari ini.";

const photo = (caption?: string, mediaId: string | null = "m-1"): ConversationEvent => ({
  type: "media",
  at: AT,
  kind: "image",
  mime: "image/jpeg",
  size: 2000,
  mediaId,
  ...(caption === undefined ? {} : { caption }),
});
const video = (caption: string): ConversationEvent => ({
  type: "media",
  at: AT,
  kind: "video",
  mime: null,
  size: null,
  mediaId: null,
  caption,
});
const discarded = (effects: readonly Effect[]) =>
  effects.flatMap((e) => (e.type === "discardMedia" ? e.mediaIds : []));
const relays = (effects: readonly Effect[]) => effects.filter((e) => e.type === "relayToDesk");
const withAgent = (): ConversationState => ({
  // Acknowledged already: what follows goes to the agent without a receipt.
  ...stateWith({
    mode: { type: "withAgent", since: isoAfter(0), reason: "userRequest", receiptAt: isoAfter(0) },
  }),
  openTicket: OPEN,
});

describe("a captioned file where a file is asked for: the file is the answer", () => {
  it("at the KTP question the photo is the KTP; the user hears the caption stays with it", () => {
    const result = decide(atStep("ktp", emptyTestDraft({ actingForOther: false })), photo("KTP"));
    expect(result.state.draft?.ktp).toEqual({ mediaId: "m-1", mime: "image/jpeg" });
    expect(replyText(result.effects)).toContain(`Foto KTP diterima.\n\n${CAPTION_KEPT.id}`);
    expect(discarded(result.effects)).toEqual([]);
  });

  it("a screenshot is collected, the caption noted in the acknowledgement", () => {
    const result = decide(atStep("screenshots", emptyTestDraft()), photo(CAPTION));
    expect(result.state.draft?.screenshots).toEqual([{ mediaId: "m-1", mime: "image/jpeg" }]);
    expect(replyText(result.effects)).toContain(CAPTION_KEPT.id);
    expect(replyText(result.effects)).not.toContain(CAPTION_READ_AS_TEXT.id);
  });

  it("without a caption the acknowledgement is as before", () => {
    const result = decide(atStep("ktp", emptyTestDraft({ actingForOther: false })), photo());
    expect(replyText(result.effects)).not.toContain(CAPTION_KEPT.id);
  });
});

describe("a captioned file where no file is asked for: the caption is read as typed", () => {
  it("at the description question the caption is the description; the photo is let go, said so", () => {
    const result = decide(atStep("description", emptyTestDraft()), photo(CAPTION));
    expect(result.state.draft?.description).toBe(CAPTION);
    const [notice, next] = replies(result.effects);
    expect(notice?.text).toBe(CAPTION_READ_AS_TEXT.id);
    expect(next?.text).not.toContain(CAPTION_READ_AS_TEXT.id);
    expect(discarded(result.effects)).toEqual(["m-1"]);
  });

  it("a caption that is no valid answer gets the usual correction after the notice", () => {
    const result = decide(atStep("nik", emptyTestDraft()), photo("ini KTP saya"));
    expect(result.state.draft?.nik).toBeNull();
    expect(result.state.mode).toMatchObject({ type: "intake", step: "nik", failures: 1 });
    const text = replyText(result.effects);
    expect(text.startsWith(CAPTION_READ_AS_TEXT.id)).toBe(true);
    expect(text).toContain("NIK");
    expect(discarded(result.effects)).toEqual(["m-1"]);
  });

  it("a file without a caption at a text question is refused as before", () => {
    const result = decide(atStep("description", emptyTestDraft()), photo());
    expect(result.state.draft?.description).toBeNull();
    expect(replyText(result.effects)).toContain("belum memerlukan file");
    expect(replyText(result.effects)).not.toContain(CAPTION_READ_AS_TEXT.id);
  });

  it("a command written as a caption works as a command", () => {
    const result = decide(stateWith(), photo("status LDK-2026-00042"));
    expect(effectTypes(result.effects)).toEqual(["reply", "lookupStatus", "discardMedia"]);
    expect(replyText(result.effects)).toBe(CAPTION_READ_AS_TEXT.id);
  });

  it("at rest without a ticket the menu answers, after the notice", () => {
    const result = decide(stateWith(), photo(CAPTION));
    const text = replyText(result.effects);
    expect(text.startsWith(CAPTION_READ_AS_TEXT.id)).toBe(true);
    expect(text).toContain("Silakan pilih layanan");
  });

  it("in English", () => {
    const result = decide(
      atStep("description", emptyTestDraft(), { language: "en" }),
      photo("Bid upload fails before the 14:00 deadline."),
    );
    expect(replyText(result.effects)).toContain(CAPTION_READ_AS_TEXT.en);
  });
});

describe("captioned files for the agents", () => {
  it("with an agent a stored file is relayed by id (its caption stays on the file), silently", () => {
    const result = decide(withAgent(), photo(CAPTION));
    expect(result.effects).toEqual([
      {
        type: "relayToDesk",
        content: { kind: "media", mediaId: "m-1", mime: "image/jpeg" },
        ticketNumber: OPEN.number,
      },
    ]);
  });

  it("with an agent what cannot be forwarded goes as a note with the caption", () => {
    const result = decide(withAgent(), video("layar error saat unggah"));
    expect(relays(result.effects)).toEqual([
      {
        type: "relayToDesk",
        content: { kind: "unsupported", mediaKind: "video", caption: "layar error saat unggah" },
        ticketNumber: OPEN.number,
      },
    ]);
  });

  it("at rest with an open ticket a captioned photo goes to the agents, no notice", () => {
    const state = { ...stateWith(), openTicket: OPEN };
    const result = decide(state, photo(CAPTION));
    expect(effectTypes(result.effects)).toEqual(["relayToDesk", "reply"]);
    expect(replyText(result.effects)).not.toContain(CAPTION_READ_AS_TEXT.id);
    expect(discarded(result.effects)).toEqual([]);
  });

  it("at rest with an open ticket a captioned video: its caption goes as a message, said so", () => {
    const state = { ...stateWith(), openTicket: OPEN };
    const result = decide(state, video("layar error saat unggah"));
    expect(relays(result.effects)).toEqual([
      {
        type: "relayToDesk",
        content: { kind: "text", text: "layar error saat unggah" },
        ticketNumber: OPEN.number,
      },
    ]);
    expect(replyText(result.effects)).toContain(CAPTION_READ_AS_TEXT.id);
  });
});
