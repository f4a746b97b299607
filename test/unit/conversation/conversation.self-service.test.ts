// Self-service answers in the pure engine: articles offered at the
// description step and outside a flow, opened, answered; "Belum" goes on
// exactly where the intake was. The search is a hand-written fake of the port.
import { describe, expect, it } from "vitest";
import type {
  ArticleFinder,
  ArticleHit,
  ConversationState,
  Effect,
} from "../../../core/domain/conversation/index.ts";
import { createDecider } from "../../../core/domain/conversation/index.ts";
import {
  atStep,
  choiceIds,
  emptyTestDraft,
  isoAfter,
  MINUTE,
  replyText,
  stateWith,
  testSettings,
} from "../../fixtures/conversation.builders.ts";

const PASSWORD: ArticleHit = {
  id: "lupa-password",
  title: { id: "Lupa password akun SPSE", en: "Forgotten SPSE password" },
  category: "LUPA_PASSWORD",
};
const EMAIL: ArticleHit = {
  id: "perubahan-email-akun",
  title: { id: "Perubahan e-mail akun", en: "Changing the account e-mail" },
  category: "PERUBAHAN_EMAIL",
};

/** Finds the password article for anything about passwords; searches are remembered. */
function fakeFinder() {
  const searches: { text: string; role: string | null }[] = [];
  const finder: ArticleFinder = {
    search({ text, role }) {
      searches.push({ text, role });
      return /password|login/iu.test(text) ? [PASSWORD, EMAIL] : [];
    },
    open(id, language) {
      if (id !== PASSWORD.id) return null;
      return {
        id,
        title: PASSWORD.title[language],
        body: language === "id" ? "Siapkan foto KTP dan screenshot." : "Prepare your KTP.",
        category: PASSWORD.category,
      };
    },
  };
  return { finder, searches };
}

function driver(state: ConversationState) {
  const { finder, searches } = fakeFinder();
  const decide = createDecider(testSettings(), { articles: finder });
  let current = state;
  let clock = Date.parse(isoAfter(0));
  let effects: readonly Effect[] = [];
  const send = (event: { type: "text"; text: string } | { type: "choice"; optionId: string }) => {
    clock += MINUTE;
    const result = decide(current, { ...event, at: new Date(clock).toISOString() });
    current = result.state;
    effects = result.effects;
    return effects;
  };
  return {
    searches,
    text: (text: string) => send({ type: "text", text }),
    choose: (optionId: string) => send({ type: "choice", optionId }),
    get state() {
      return current;
    },
    get effects() {
      return effects;
    },
  };
}

const activities = (effects: readonly Effect[]) =>
  effects.flatMap((e) => (e.type === "articleActivity" ? [e.activity] : []));

const DESCRIPTION = "Saya lupa password akun SPSE, tidak bisa login sejak kemarin.";

function atDescription() {
  return atStep(
    "description",
    emptyTestDraft({
      category: "LUPA_PASSWORD",
      consentAt: isoAfter(0),
      name: "Budi Santoso",
      nik: "6171011508900001",
      role: "PENYEDIA",
      organisation: "CV Maju",
      email: "budi@example.com",
      phone: "+6281234567890",
    }),
  );
}

describe("articles at the description step", () => {
  it("offers matching articles, searched with the user's role, and keeps the description", () => {
    const chat = driver(atDescription());
    const effects = chat.text(DESCRIPTION);
    expect(chat.state.mode.type).toBe("articleOffer");
    expect(chat.state.draft?.description).toBe(DESCRIPTION);
    expect(chat.searches).toEqual([{ text: DESCRIPTION, role: "PENYEDIA" }]);
    expect(replyText(effects)).toContain("mungkin artikel berikut");
    const ids = choiceIds(effects);
    expect(ids).toHaveLength(3);
    expect(ids[2]).toBe("art.continue");
    expect(activities(effects)).toEqual(["offered"]);
  });

  it("opens an article, asks whether it solved the problem, and 'Ya' ends without a ticket", () => {
    const chat = driver(atDescription());
    const first = choiceIds(chat.text(DESCRIPTION))[0] as string;
    const opened = chat.choose(first);
    expect(replyText(opened)).toContain("Siapkan foto KTP dan screenshot.");
    expect(replyText(opened)).toContain("Apakah ini menyelesaikan masalah Bapak/Ibu?");
    expect(choiceIds(opened)).toEqual(["art.solved", "art.notSolved"]);
    expect(activities(opened)).toEqual(["opened"]);
    const solved = chat.choose("art.solved");
    expect(chat.state.mode.type).toBe("idle");
    expect(chat.state.draft).toBeNull();
    expect(solved.some((e) => e.type === "createTicket")).toBe(false);
    expect(activities(solved)).toEqual(["resolved"]);
    expect(replyText(solved)).toContain("sudah terselesaikan");
  });

  it("'Belum' goes on with the very next question, nothing asked again", () => {
    const chat = driver(atDescription());
    chat.text(DESCRIPTION);
    chat.text("1");
    const goOn = chat.text("belum");
    expect(chat.state.mode).toMatchObject({ type: "intake", step: "actingForOther" });
    expect(chat.state.draft?.description).toBe(DESCRIPTION);
    expect(chat.state.draft?.name).toBe("Budi Santoso");
    expect(replyText(goOn)).toContain("permohonan Bapak/Ibu kami lanjutkan");
    expect(activities(goOn)).toEqual(["notResolved"]);
  });

  it("'Lanjutkan laporan' under the list goes on without opening anything", () => {
    const chat = driver(atDescription());
    chat.text(DESCRIPTION);
    chat.choose("art.continue");
    expect(chat.state.mode).toMatchObject({ type: "intake", step: "actingForOther" });
  });

  it("offers nothing for a weak match: the next question at once, counted as no match", () => {
    const chat = driver(atDescription());
    const effects = chat.text("Tombol kirim di halaman paket tidak berfungsi sama sekali.");
    expect(chat.state.mode).toMatchObject({ type: "intake", step: "actingForOther" });
    expect(activities(effects)).toEqual(["noMatch"]);
  });

  it("'kembali' from an article shows the list again; a button of an older offer is stale", () => {
    const chat = driver(atDescription());
    const first = choiceIds(chat.text(DESCRIPTION))[0] as string;
    chat.choose(first);
    chat.text("kembali");
    expect(chat.state.mode.type).toBe("articleOffer");
    chat.choose("art.zzzz.1");
    expect(chat.state.mode.type).toBe("articleOffer");
  });
});

describe("articles for a message outside a flow", () => {
  it("answers 'saya tidak bisa login' with articles instead of the menu", () => {
    const chat = driver(stateWith({ lastUserEventAt: null }));
    const effects = chat.text("saya tidak bisa login");
    expect(chat.state.mode.type).toBe("articleOffer");
    expect(choiceIds(effects).slice(-2)).toEqual(["art.request", "art.menu"]);
  });

  it("'Belum' starts a request with the article's category and the message as its description", () => {
    const chat = driver(stateWith({ lastUserEventAt: null }));
    chat.text("saya lupa password akun spse saya");
    chat.text("1");
    chat.choose("art.notSolved");
    expect(chat.state.draft?.category).toBe("LUPA_PASSWORD");
    expect(chat.state.draft?.description).toBe("saya lupa password akun spse saya");
    expect(chat.state.mode).toMatchObject({ type: "intake", step: "consent" });
  });

  it("shows the menu as before when nothing matches", () => {
    const chat = driver(stateWith({ lastUserEventAt: null }));
    const effects = chat.text("halo");
    expect(chat.state.mode.type).toBe("menu");
    expect(replyText(effects)).toContain("Selamat datang");
  });

  it("takes a new question typed under the list as a new message", () => {
    const chat = driver(stateWith({ lastUserEventAt: null }));
    chat.text("lupa password");
    chat.text("selamat pagi");
    expect(chat.state.mode.type).toBe("menu");
  });
});

describe("without articles (self-service off)", () => {
  it("goes from the description straight to the next question", () => {
    const decide = createDecider(testSettings());
    const result = decide(atDescription(), {
      type: "text",
      at: isoAfter(MINUTE),
      text: DESCRIPTION,
    });
    expect(result.state.mode).toMatchObject({ type: "intake", step: "actingForOther" });
    expect(activities(result.effects)).toEqual([]);
  });
});
