import { describe, expect, it } from "vitest";
import {
  conversationStateSchema,
  type Effect,
  nextTimeoutAt,
  resolveConversationSettings,
  SURVEY_ELEMENT_COUNT,
} from "../../../core/domain/conversation/index.ts";
import {
  ChatDriver,
  choiceIds,
  completeDraft,
  effectTypes,
  HOUR,
  MINUTE,
  testSettings,
} from "../../fixtures/conversation.builders.ts";

const TICKET = { ticketId: "0190a000-0000-7000-8000-000000000042", ticketNumber: "LDK-2026-00042" };
const saved = (effects: readonly Effect[]) => effects.find((e) => e.type === "saveSurvey");

function surveyed(options: ConstructorParameters<typeof ChatDriver>[0] = {}) {
  const chat = new ChatDriver(options);
  chat.send({ type: "surveyStart", ...TICKET });
  return chat;
}

describe("the satisfaction survey", () => {
  it("starts at rest with an intro and the first element, answerable by button", () => {
    const chat = surveyed();
    expect(chat.mode).toBe("survey");
    expect(chat.reply).toContain("Tiket LDK-2026-00042 telah selesai");
    expect(chat.reply).toContain("Pertanyaan 1 dari 9");
    expect(chat.reply).toContain("persyaratan pelayanan");
    expect(choiceIds(chat.lastEffects)).toEqual([
      "survey.answer.1",
      "survey.answer.2",
      "survey.answer.3",
      "survey.answer.4",
      "survey.skip",
    ]);
  });

  it("takes nine answers by button, number or label, then a comment, and saves them", () => {
    const chat = surveyed();
    const answers = ["survey.answer.4", "3", "2", "Gratis", "1)", "survey.answer.3", "4", "3", "2"];
    for (const [i, answer] of answers.entries()) {
      if (answer.startsWith("survey.")) chat.choose(answer);
      else chat.text(answer);
      if (i < SURVEY_ELEMENT_COUNT - 1) expect(chat.reply).toContain(`Pertanyaan ${i + 2} dari 9`);
    }
    expect(chat.reply).toContain("adakah saran atau komentar");
    expect(choiceIds(chat.lastEffects)).toEqual(["survey.noComment"]);
    const effects = chat.text("  Petugasnya ramah, tapi balasan malam hari agak lama.  ");
    expect(saved(effects)).toEqual({
      type: "saveSurvey",
      ticketId: TICKET.ticketId,
      answers: [4, 3, 2, 4, 1, 3, 4, 3, 2],
      comment: "Petugasnya ramah, tapi balasan malam hari agak lama.",
    });
    expect(chat.reply).toContain("Terima kasih atas penilaian");
    expect(chat.mode).toBe("idle");
  });

  it("the comment is optional and capped", () => {
    const none = surveyed();
    for (let i = 0; i < 9; i++) none.text("3");
    expect(saved(none.choose("survey.noComment"))).toMatchObject({ comment: null });

    const typedNone = surveyed();
    for (let i = 0; i < 9; i++) typedNone.text("3");
    expect(saved(typedNone.text("tidak ada"))).toMatchObject({ comment: null });

    const long = surveyed();
    for (let i = 0; i < 9; i++) long.text("4");
    const effect = saved(long.text("x".repeat(5000)));
    expect(effect?.type === "saveSurvey" ? effect.comment?.length : 0).toBe(1000);
  });

  it.each([
    ["lewati", (chat: ChatDriver) => chat.text("lewati")],
    ["skip", (chat: ChatDriver) => chat.text("skip")],
    ["the skip button", (chat: ChatDriver) => chat.choose("survey.skip")],
    ["batal", (chat: ChatDriver) => chat.text("batal")],
  ])("%s declines it at any point", (_name, skip) => {
    const chat = surveyed();
    chat.text("4");
    chat.text("3");
    const effects = skip(chat);
    expect(effects).toContainEqual({ type: "skipSurvey", ticketId: TICKET.ticketId });
    expect(saved(effects)).toBeUndefined();
    expect(chat.reply).toContain("survei dilewati");
    expect(chat.mode).toBe("idle");
  });

  it("'kembali' takes the last answer back", () => {
    const chat = surveyed();
    chat.text("4");
    chat.text("3");
    chat.text("kembali");
    expect(chat.reply).toContain("Pertanyaan 2 dari 9");
    chat.text("1");
    for (let i = 2; i < 9; i++) chat.text("2");
    expect(saved(chat.choose("survey.noComment"))).toMatchObject({
      answers: [4, 1, 2, 2, 2, 2, 2, 2, 2],
    });
  });

  it.each(["5", "0", "sepuluh", "bagus sekali pelayanannya"])(
    "%s is no answer: a hint and the same question",
    (text) => {
      const chat = surveyed();
      chat.text(text);
      expect(chat.mode).toBe("survey");
      expect(chat.reply).toContain("angka 1 sampai 4");
      expect(chat.reply).toContain("Pertanyaan 1 dari 9");
      expect(effectTypes(chat.lastEffects)).toEqual(["reply"]);
    },
  );

  it("after repeated non-answers the survey is put away and the menu shown", () => {
    const chat = surveyed();
    chat.text("halo");
    chat.text("halo?");
    const effects = chat.text("saya mau tanya tender");
    expect(chat.mode).toBe("menu");
    expect(chat.reply).toContain("Survei kami tutup dulu");
    expect(effects.some((e) => e.type === "skipSurvey" || e.type === "saveSurvey")).toBe(false);
  });

  it("commands still work: a status look-up comes back to the question", () => {
    const chat = surveyed();
    chat.text("4");
    expect(effectTypes(chat.text("status LDK-2026-00001"))).toEqual(["lookupStatus"]);
    chat.send({
      type: "statusResult",
      ticketNumber: "LDK-2026-00001",
      status: "DIPROSES",
      updatedAt: null,
    });
    expect(chat.reply).toContain("Pertanyaan 2 dari 9");
    expect(chat.mode).toBe("survey");
  });

  it("in English, with English labels", () => {
    const chat = surveyed({ language: "en" });
    expect(chat.reply).toContain("Ticket LDK-2026-00042 has been resolved");
    expect(chat.reply).toContain("Question 1 of 9");
    const labels = chat.lastEffects.flatMap((e) =>
      e.type === "reply" ? (e.choices ?? []).map((c) => c.label) : [],
    );
    expect(labels).toContain("Skip the survey");
    chat.text("skip");
    expect(chat.reply).toContain("the survey is skipped");
  });

  it("a redelivered start changes nothing", () => {
    const chat = surveyed();
    chat.text("4");
    const again = chat.send({ type: "surveyStart", ...TICKET });
    expect(again).toEqual([]);
    expect(chat.state.mode).toMatchObject({ type: "survey", question: 1, answers: [4] });
  });

  it("does not clobber a request being filled in: it waits, and lapses unasked", () => {
    const chat = new ChatDriver({
      mode: { type: "intake", step: "email", failures: 0, editing: false },
      draft: completeDraft({ email: null }),
    });
    const effects = chat.send({ type: "surveyStart", ...TICKET });
    expect(effects).toEqual([]);
    expect(chat.state.mode).toMatchObject({ type: "intake", step: "email" });
    expect(chat.state.pendingSurvey).toMatchObject(TICKET);
  });

  it("a survey that came while an agent had the chat starts when the agent is done", () => {
    const chat = new ChatDriver({
      mode: { type: "withAgent", since: "2026-11-28T03:00:00.000Z", reason: "userRequest" },
    });
    expect(chat.send({ type: "surveyStart", ...TICKET })).toEqual([]);
    expect(chat.mode).toBe("withAgent");
    chat.send({ type: "handoffEnded" });
    expect(chat.reply).toContain("Sesi dengan petugas telah selesai");
    expect(chat.reply).toContain("Pertanyaan 1 dari 9");
    expect(chat.mode).toBe("survey");
    expect(chat.state.pendingSurvey).toBeNull();
  });

  it("a waiting survey is offered once on the user's next message at rest", () => {
    const chat = new ChatDriver({ mode: { type: "menu", failures: 0 }, draft: completeDraft() });
    chat.send({ type: "surveyStart", ...TICKET });
    expect(chat.state.pendingSurvey).not.toBeNull();
    chat.text("batal");
    chat.text("ya");
    expect(chat.state.draft).toBeNull();
    chat.text("halo");
    expect(chat.mode).toBe("survey");
    expect(chat.state.pendingSurvey).toBeNull();
  });

  it("lapses quietly after the draft expiry without an answer, and wakes the sweep for it", () => {
    const settings = resolveConversationSettings(testSettings());
    const chat = surveyed();
    const asked = chat.state.mode.type === "survey" ? chat.state.mode.askedAt : "";
    expect(nextTimeoutAt(chat.state, settings)).toBe(
      new Date(Date.parse(asked) + 24 * HOUR).toISOString(),
    );
    expect(chat.timeout(23 * HOUR)).toEqual([]);
    expect(chat.mode).toBe("survey");
    expect(chat.timeout(2 * HOUR)).toEqual([]);
    expect(chat.mode).toBe("idle");
    expect(nextTimeoutAt(chat.state, settings)).toBeNull();
  });

  it("an answer after the lapse is an ordinary message", () => {
    const chat = surveyed();
    chat.text("4", 25 * HOUR);
    expect(chat.mode).toBe("menu");
    expect(saved(chat.lastEffects)).toBeUndefined();
  });

  it("answering days after the user last wrote still counts (its clock is the question's)", () => {
    const chat = new ChatDriver({ lastUserEventAt: "2026-11-01T03:00:00.000Z" });
    chat.send({ type: "surveyStart", ...TICKET }, 10 * MINUTE);
    chat.text("4");
    expect(chat.state.mode).toMatchObject({ type: "survey", answers: [4] });
  });

  it("the survey state survives a save and a load", () => {
    const chat = surveyed();
    chat.text("2");
    expect(conversationStateSchema.parse(JSON.parse(JSON.stringify(chat.state)))).toEqual(
      chat.state,
    );
  });
});
