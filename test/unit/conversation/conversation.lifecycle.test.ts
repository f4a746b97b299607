import { describe, expect, it } from "vitest";
import {
  conversationEventSchema,
  conversationStateSchema,
  createDecider,
  type Effect,
  initialState,
  nextTimeoutAt,
  resolveConversationSettings,
} from "../../../core/domain/conversation/index.ts";
import {
  ChatDriver,
  choiceIds,
  completeDraft,
  effectTypes,
  HOUR,
  isoAfter,
  MINUTE,
  stateWith,
  T0,
  testSettings,
} from "../../fixtures/conversation.builders.ts";

const discarded = (effects: readonly Effect[]) =>
  effects.flatMap((effect) => (effect.type === "discardMedia" ? effect.mediaIds : []));

/** A user half-way through the intake: answered up to the e-mail, KTP already sent. */
function midIntake(settings = {}) {
  const chat = new ChatDriver({
    settings,
    mode: { type: "intake", step: "email", failures: 0, editing: false },
    draft: completeDraft({ email: null, screenshots: [], screenshotsDone: false }),
    lastUserEventAt: T0,
  });
  chat.nowMs = Date.parse(T0);
  return chat;
}

describe("reminder and expiry of an idle draft", () => {
  it("sends exactly one reminder after 30 minutes", () => {
    const chat = midIntake();
    expect(chat.timeout(29 * MINUTE)).toEqual([]);
    const reminder = chat.timeout(1 * MINUTE);
    expect(effectTypes(reminder)).toEqual(["reply"]);
    expect(chat.reply).toContain("Pengingat: permohonan Bapak/Ibu belum selesai");
    expect(chat.reply).toContain("24 jam");
    expect(chat.state.draft?.reminderSentAt).toBe(isoAfter(30 * MINUTE));
    expect(chat.timeout(15 * MINUTE)).toEqual([]);
    expect(chat.timeout(5 * HOUR)).toEqual([]);
  });

  it("expires the draft silently after 24 hours and releases its files", () => {
    const chat = midIntake();
    chat.timeout(30 * MINUTE);
    const expired = chat.timeout(24 * HOUR - 30 * MINUTE);
    expect(expired).toEqual([{ type: "discardMedia", mediaIds: ["media-ktp"] }]);
    expect(chat.state.draft).toBeNull();
    expect(chat.mode).toBe("idle");
    expect(chat.state.pendingNotice).toBe("draftExpired");
  });

  it("tells the returning user that the draft expired, once", () => {
    const chat = midIntake();
    chat.timeout(25 * HOUR);
    chat.text("budi@majubersama.co.id");
    expect(chat.reply).toContain("Draf permohonan Bapak/Ibu sudah kedaluwarsa");
    expect(chat.reply).toContain("Selamat datang");
    expect(chat.mode).toBe("menu");
    expect(chat.state.pendingNotice).toBeNull();
    chat.text("halo");
    expect(chat.reply).not.toContain("kedaluwarsa");
  });

  it("expires on the user's next message even if no timeout tick came", () => {
    const chat = midIntake();
    chat.text("budi@majubersama.co.id", 25 * HOUR);
    expect(chat.reply).toContain("sudah kedaluwarsa");
    expect(chat.state.draft).toBeNull();
    expect(discarded(chat.lastEffects)).toEqual(["media-ktp"]);
  });

  it("uses the configured durations", () => {
    const chat = midIntake({ draftReminderAfterMs: 10 * MINUTE, draftExpiryAfterMs: 2 * HOUR });
    expect(chat.timeout(9 * MINUTE)).toEqual([]);
    expect(chat.timeout(1 * MINUTE)).toHaveLength(1);
    expect(chat.reply).toContain("2 jam");
    chat.timeout(110 * MINUTE);
    expect(chat.state.draft).toBeNull();
  });

  it("does not remind a user who is talking to a staff member, nor while submitting", () => {
    for (const mode of [
      { type: "withAgent" as const, since: T0, reason: "userRequest" as const },
      { type: "submitting" as const, since: T0 },
    ]) {
      const chat = new ChatDriver({ mode, draft: completeDraft(), lastUserEventAt: T0 });
      chat.nowMs = Date.parse(T0);
      expect(chat.timeout(45 * MINUTE)).toEqual([]);
    }
  });

  it("does nothing on a tick when there is no draft", () => {
    const chat = new ChatDriver({ mode: { type: "menu", failures: 0 }, lastUserEventAt: T0 });
    expect(chat.timeout(2 * HOUR)).toEqual([]);
  });
});

describe("welcome back to an unfinished draft", () => {
  it("after the reminder, asks whether to continue or start over", () => {
    const chat = midIntake();
    chat.timeout(30 * MINUTE);
    chat.text("budi@majubersama.co.id");
    expect(chat.mode).toBe("resumePrompt");
    expect(chat.reply).toContain(
      "Bapak/Ibu memiliki permohonan yang belum selesai (kategori: Lupa password / reset akun), terakhir diisi Sabtu, 28 November 2026 pukul 10.00 WIB.",
    );
    expect(choiceIds(chat.lastEffects)).toEqual([
      "resume.continue",
      "resume.restart",
      "resume.discard",
    ]);
    expect(chat.state.draft?.reminderSentAt).toBeNull();
  });

  it("after a long gap even without a reminder, also on 'menu'", () => {
    const chat = midIntake();
    chat.text("menu", 45 * MINUTE);
    expect(chat.mode).toBe("resumePrompt");
  });

  it("takes the file the open question asks for as carrying on, without asking first", () => {
    const chat = new ChatDriver({
      mode: { type: "intake", step: "ktp", failures: 0, editing: false },
      draft: completeDraft({ ktp: null, screenshots: [], screenshotsDone: false }),
      lastUserEventAt: T0,
    });
    chat.nowMs = Date.parse(T0);
    chat.timeout(30 * MINUTE);
    const effects = chat.send(
      { type: "media", kind: "image", mime: "image/jpeg", size: 200_000, mediaId: "ktp-late" },
      2 * HOUR,
    );
    expect(chat.mode).not.toBe("resumePrompt");
    expect(chat.state.draft?.ktp).toEqual({ mediaId: "ktp-late", mime: "image/jpeg" });
    expect(discarded(effects)).toEqual([]);
    // Back at work: the next message is an answer, not another welcome back.
    expect(chat.state.draft?.reminderSentAt).toBeNull();
  });

  it("says a file sent on coming back at another question was not kept, and asks first", () => {
    const chat = midIntake();
    chat.timeout(30 * MINUTE);
    const effects = chat.image("stray-photo", "image/jpeg");
    expect(chat.mode).toBe("resumePrompt");
    expect(chat.reply).toContain("File yang Bapak/Ibu kirim belum kami simpan");
    expect(discarded(effects)).toEqual(["stray-photo"]);
  });

  it("'lanjutkan' picks up at the open question", () => {
    const chat = midIntake();
    chat.text("halo", 2 * HOUR);
    chat.text("1");
    expect(chat.reply).toContain("Baik, kita lanjutkan.");
    expect(chat.step).toBe("email");
  });

  it("'mulai dari awal' deletes the old answers and files and starts again", () => {
    const chat = midIntake();
    chat.text("halo", 2 * HOUR);
    chat.text("mulai dari awal");
    expect(chat.reply).toContain("Baik, kita mulai dari awal.");
    expect(chat.step).toBe("category");
    expect(chat.state.draft?.name).toBeNull();
    expect(discarded(chat.lastEffects)).toEqual(["media-ktp"]);
  });

  it("'hapus' deletes the draft and shows the menu", () => {
    const chat = midIntake();
    chat.text("halo", 2 * HOUR);
    chat.choose("resume.discard");
    expect(chat.mode).toBe("menu");
    expect(chat.state.draft).toBeNull();
    expect(chat.reply).toContain("Draf permohonan beserta dokumennya telah dihapus.");
    expect(discarded(chat.lastEffects)).toEqual(["media-ktp"]);
  });

  it("choosing menu 1 with a draft asks instead of overwriting it", () => {
    const chat = midIntake();
    chat.text("menu");
    expect(chat.mode).toBe("menu");
    expect(chat.reply).toContain("masih memiliki permohonan yang belum selesai");
    chat.text("1");
    expect(chat.mode).toBe("resumePrompt");
  });

  it("a language switch after a gap also lands on the question", () => {
    const chat = midIntake();
    chat.text("english", 2 * HOUR);
    expect(chat.mode).toBe("resumePrompt");
    expect(chat.reply).toContain("You have an unfinished request");
    expect(chat.lastEffects[0]).toEqual({ type: "setLanguage", language: "en" });
  });

  it("a quick answer within 30 minutes just continues", () => {
    const chat = midIntake();
    chat.text("budi@majubersama.co.id", 29 * MINUTE);
    // Everything else up to the screenshots is already answered in this draft.
    expect(chat.step).toBe("screenshots");
  });

  it("does not interrupt a complaint being written", () => {
    const chat = new ChatDriver({
      mode: { type: "complaintAsk", failures: 0 },
      draft: completeDraft(),
      lastUserEventAt: T0,
    });
    chat.nowMs = Date.parse(T0);
    chat.text("Pelayanan helpdesk kemarin sangat lambat.", 40 * MINUTE);
    // Its receipt, with the number, answers the app's complaintFiled.
    expect(effectTypes(chat.lastEffects)).toEqual(["fileComplaint"]);
  });
});

describe("nextTimeoutAt", () => {
  const settings = resolveConversationSettings(testSettings());

  it("is the reminder time, then the expiry time, and nothing without a draft", () => {
    const state = stateWith({
      mode: { type: "intake", step: "email", failures: 0, editing: false },
      draft: completeDraft(),
      lastUserEventAt: T0,
    });
    expect(nextTimeoutAt(state, settings)).toBe(isoAfter(30 * MINUTE));
    const reminded = {
      ...state,
      draft: { ...completeDraft(), reminderSentAt: isoAfter(30 * MINUTE) },
    };
    expect(nextTimeoutAt(reminded, settings)).toBe(isoAfter(24 * HOUR));
    expect(nextTimeoutAt(stateWith({ lastUserEventAt: T0 }), settings)).toBeNull();
    expect(
      nextTimeoutAt({ ...state, mode: { type: "submitting", since: T0 } }, settings),
    ).toBeNull();
  });
});

describe("persisted state", () => {
  it("round-trips through JSON and the schema", () => {
    const state = stateWith({
      mode: {
        type: "humanOffer",
        returnTo: { type: "intake", step: "nik", failures: 0, editing: true },
      },
      draft: completeDraft(),
    });
    const parsed = conversationStateSchema.parse(JSON.parse(JSON.stringify(state)));
    expect(parsed).toEqual(state);
  });

  it.each([
    [
      "a Date object instead of a string",
      { ...initialState({ channel: "CONSOLE" }), lastUserEventAt: new Date() },
    ],
    ["an unknown mode", { ...initialState({ channel: "CONSOLE" }), mode: { type: "dancing" } }],
    ["an unknown channel", { ...initialState({ channel: "CONSOLE" }), channel: "SMS" }],
    [
      "an unknown step",
      {
        ...initialState({ channel: "CONSOLE" }),
        mode: { type: "intake", step: "shoeSize", failures: 0, editing: false },
      },
    ],
  ])("refuses %s", (_name, value) => {
    expect(conversationStateSchema.safeParse(value).success).toBe(false);
  });

  it("initial state knows the channel and normalises the WhatsApp number", () => {
    expect(initialState({ channel: "WHATSAPP", channelPhone: "6281234567890" })).toEqual({
      schemaVersion: 1,
      channel: "WHATSAPP",
      language: "id",
      channelPhone: "+6281234567890",
      mode: { type: "idle" },
      draft: null,
      lastUserEventAt: null,
      pendingNotice: null,
      openTicket: null,
      pendingSurvey: null,
    });
  });

  it("events from the outside are parsed with their schema", () => {
    expect(
      conversationEventSchema.safeParse({
        type: "text",
        at: "2026-11-28T10:00:00+07:00",
        text: "menu",
      }).success,
    ).toBe(true);
    expect(conversationEventSchema.safeParse({ type: "text", text: "menu" }).success).toBe(false);
    expect(
      conversationEventSchema.safeParse({
        type: "media",
        at: T0,
        kind: "hologram",
        mime: null,
        size: null,
        mediaId: null,
      }).success,
    ).toBe(false);
  });
});

describe("settings", () => {
  it("fills in the defaults", () => {
    const settings = resolveConversationSettings(testSettings());
    expect(settings).toMatchObject({
      draftReminderAfterMs: 30 * MINUTE,
      draftExpiryAfterMs: 24 * HOUR,
      maxFailedTries: 3,
      maxScreenshots: 5,
      descriptionMinChars: 20,
    });
    expect(settings.categories.map((category) => category.id)).toEqual([
      "LUPA_PASSWORD",
      "REGISTRASI_AKUN",
      "DATA_PENYEDIA",
      "PERUBAHAN_EMAIL",
      "KENDALA_OTP",
      "GAGAL_UNGGAH_PENAWARAN",
      "ERROR_APLIKASI",
      "SURAT_KETERANGAN_GANGGUAN",
      "LAINNYA",
    ]);
    expect(settings.openingHours).toEqual({
      id: "Senin-Jumat 08.00-16.00 WIB",
      en: "Monday-Friday 08:00-16:00 WIB",
    });
  });

  it("takes a configured category list", () => {
    const decide = createDecider(
      testSettings({
        categories: [
          { id: "AKUN", label: { id: "Masalah akun", en: "Account problem" }, requires: ["KTP"] },
          { id: "LAIN", label: { id: "Lainnya", en: "Other" }, requires: [] },
        ],
      }),
    );
    const state = stateWith({ mode: { type: "menu", failures: 0 } });
    const result = decide(state, { type: "text", at: isoAfter(MINUTE), text: "1" });
    expect(choiceIds(result.effects)).toEqual(["category.AKUN", "category.LAIN"]);
  });

  it.each([
    [
      "duplicate category ids",
      {
        categories: [
          { id: "A", label: { id: "a", en: "a" }, requires: [] },
          { id: "A", label: { id: "b", en: "b" }, requires: [] },
        ],
      },
    ],
    ["a reminder after the expiry", { draftReminderAfterMs: 2 * HOUR, draftExpiryAfterMs: HOUR }],
    ["an invalid office e-mail", { officeEmail: "lpse" }],
  ])("refuses %s at start-up", (_name, overrides) => {
    expect(() => createDecider(testSettings(overrides))).toThrow();
  });
});
