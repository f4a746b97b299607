// Issue 19, point 2: no text names a choice the user cannot see. Every
// prompt (each mode's question, and what a walk through the engine says on
// the way: corrections, notices, offers) is rendered by each channel's real
// renderer, and every reference to a choice is checked against what that
// channel actually shows: the button on Telegram, the numbered line on
// WhatsApp and the console. Times derive from the real clock.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderForTerminal } from "../../../bot/console/console.render.ts";
import { CONTACT_BUTTON_TEXT, renderBody } from "../../../bot/telegram/telegram.render.ts";
import { renderText } from "../../../bot/whatsapp/whatsapp.render.ts";
import { CONTACT_CHOICE_ID, type Language, MARK } from "../../../core/content/index.ts";
import { resolveMarkup, toPlainText } from "../../../core/content/markup.render.ts";
import type { TextBody } from "../../../core/contracts/messages.ts";
import type { Ctx } from "../../../core/domain/conversation/decision.ts";
import { replyOf } from "../../../core/domain/conversation/decision.ts";
import { handoffOfferOptions } from "../../../core/domain/conversation/handoff.flow.ts";
import {
  type Channel,
  type ConversationEvent,
  type ConversationState,
  createDecider,
  INTAKE_STEPS,
  type Mode,
  type ReplyEffect,
  resolveConversationSettings,
  SURVEY_ELEMENT_COUNT,
} from "../../../core/domain/conversation/index.ts";
import * as catalog from "../../../core/domain/conversation/options.catalog.ts";
import { promptForMode } from "../../../core/domain/conversation/prompt.renderer.ts";
import { htmlToPlain } from "../../fakes/bot-api-server.ts";
import {
  completeDraft,
  type EventInput,
  emptyTestDraft,
  stateWith,
  testSettings,
} from "../../fixtures/conversation.builders.ts";
import { decideChained } from "../../fixtures/hostile/follow-up.ts";

const CHANNELS: readonly Channel[] = ["TELEGRAM", "WHATSAPP", "CONSOLE"];
const LANGUAGES: readonly Language[] = ["id", "en"];
const NOW = Date.now();

// ------------------------------------------------------------ the corpus

interface Sample {
  readonly where: string;
  readonly channel: Channel;
  readonly reply: ReplyEffect;
}

const settingsWith = (agentDesk: boolean) =>
  resolveConversationSettings(testSettings({ agentDesk }));

function ctxAt(ms: number, agentDesk = true): Ctx {
  return { settings: settingsWith(agentDesk), at: new Date(ms).toISOString(), atMs: ms };
}

/** Every mode the user can be in, with drafts that make each question show all it can. */
function modes(): { label: string; mode: Mode; draft: ReturnType<typeof completeDraft> | null }[] {
  const full = completeDraft({
    category: "GAGAL_UNGGAH_PENAWARAN",
    tenderCode: "10012345000",
    bidDeadline: new Date(NOW + 10 * 86_400_000).toISOString(),
    actingForOther: true,
    suratKuasa: { mediaId: "media-kuasa", mime: "application/pdf" },
  });
  const list: { label: string; mode: Mode; draft: ReturnType<typeof completeDraft> | null }[] = [
    { label: "idle", mode: { type: "idle" }, draft: null },
    { label: "menu", mode: { type: "menu", failures: 0 }, draft: null },
    { label: "menu+draft", mode: { type: "menu", failures: 0 }, draft: full },
    { label: "summary", mode: { type: "summary", failures: 0 }, draft: full },
    { label: "editPick", mode: { type: "editPick", failures: 0 }, draft: full },
    { label: "statusAsk", mode: { type: "statusAsk", failures: 0 }, draft: null },
    { label: "complaintAsk", mode: { type: "complaintAsk", failures: 0 }, draft: null },
    { label: "resumePrompt", mode: { type: "resumePrompt", failures: 0 }, draft: full },
    {
      label: "confirmCancel",
      mode: { type: "confirmCancel", returnTo: { type: "summary", failures: 0 } },
      draft: full,
    },
    {
      label: "humanOffer",
      mode: { type: "humanOffer", returnTo: { type: "summary", failures: 0 } },
      draft: full,
    },
    {
      label: "submitting",
      mode: { type: "submitting", since: new Date(NOW).toISOString() },
      draft: full,
    },
    { label: "deleteConfirm", mode: { type: "deleteConfirm", returnTo: null }, draft: null },
  ];
  for (const step of INTAKE_STEPS) {
    const mode: Mode = { type: "intake", step, failures: 0, editing: false };
    list.push({ label: `intake:${step} (answered)`, mode, draft: full });
    list.push({ label: `intake:${step} (new)`, mode, draft: emptyTestDraft() });
  }
  for (let question = 0; question <= SURVEY_ELEMENT_COUNT; question++) {
    list.push({
      label: `survey:${question}`,
      mode: {
        type: "survey",
        ticketId: "t-1",
        ticketNumber: "LDK-2026-00042",
        question,
        answers: Array.from({ length: question }, () => 3),
        askedAt: new Date(NOW).toISOString(),
        failures: 0,
      },
      draft: null,
    });
  }
  return list;
}

function promptSamples(): Sample[] {
  const samples: Sample[] = [];
  for (const agentDesk of [true, false]) {
    const ctx = ctxAt(NOW, agentDesk);
    for (const channel of CHANNELS)
      for (const language of LANGUAGES)
        for (const { label, mode, draft } of modes()) {
          const state = { ...stateWith({ channel, language, mode, draft }), mode };
          const question = promptForMode(mode, state, ctx);
          if (question === null) continue;
          samples.push({
            where: `prompt ${label} (${language}, desk ${agentDesk})`,
            channel,
            reply: replyOf(language, question),
          });
        }
  }
  return samples;
}

/** A small deterministic generator, so a failure names a walk that can be replayed. */
function random(seed: number) {
  let s = seed >>> 0 || 1;
  return (n: number) => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s % n;
  };
}

const pad = (n: number) => String(n).padStart(2, "0");
/** A bid deadline ten days ahead, as a user types it on the WIB clock. */
function typedDeadline(): string {
  const d = new Date(NOW + 10 * 86_400_000 + 7 * 3_600_000);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} 14:00`;
}

/** An answer that moves the intake on, so walks reach deep questions. */
function goodAnswer(state: ConversationState, n: number): EventInput | null {
  if (state.mode.type !== "intake") return null;
  const texts: Partial<Record<string, string>> = {
    name: "Budi Santoso",
    nik: "6171011508900001",
    organisation: "CV Maju Bersama",
    email: "budi@majubersama.co.id",
    phone: "081234567890",
    tenderCode: "10012345000",
    bidDeadline: typedDeadline(),
    description: "Dokumen penawaran gagal diunggah, muncul pesan error saat upload.",
  };
  const text = texts[state.mode.step];
  if (text !== undefined) return { type: "text", text };
  if (["ktp", "suratKuasa", "screenshots"].includes(state.mode.step)) {
    return { type: "media", kind: "image", mime: "image/jpeg", size: 50_000, mediaId: `m-${n}` };
  }
  return null;
}

const TEXTS = ["halo", "zzz", "1", "2", "9", "menu", "batal", "kembali", "bantuan", "petugas"];
const MORE = ["bahasa", "status", "ADU-2026-00001", "data saya", "hapus data saya", "selesai"];

function walkSamples(walks: number, steps: number): Sample[] {
  const samples: Sample[] = [];
  for (const agentDesk of [true, false]) {
    const decide = createDecider(testSettings({ agentDesk }));
    for (const channel of CHANNELS)
      for (let walk = 0; walk < walks; walk++) {
        const next = random(walk * 7919 + (agentDesk ? 1 : 2) * 104_729 + channel.length);
        let state: ConversationState = stateWith({ channel, lastUserEventAt: null });
        let offered: string[] = [];
        let nowMs = NOW;
        for (let n = 0; n < steps; n++) {
          nowMs += 30_000;
          const roll = next(20);
          const good = goodAnswer(state, n);
          let input: EventInput;
          if (roll < 7 && offered.length > 0) {
            input = { type: "choice", optionId: offered[next(offered.length)] ?? "none" };
          } else if (roll < 12 && good !== null) {
            input = good;
          } else if (roll < 16) {
            input = { type: "text", text: TEXTS[next(TEXTS.length)] ?? "halo" };
          } else if (roll === 16) {
            input = { type: "text", text: MORE[next(MORE.length)] ?? "bahasa" };
          } else if (roll === 17 && state.mode.type === "withAgent") {
            input = { type: "handoffCheck", since: state.mode.since, answered: false };
          } else if (roll === 18) {
            input =
              state.mode.type === "submitting"
                ? { type: "ticketFailed" }
                : { type: "surveyStart", ticketId: "t-1", ticketNumber: "LDK-2026-00042" };
          } else {
            input = { type: "text", text: "Pelayanan helpdesk kemarin sangat lambat sekali." };
          }
          const event = { ...input, at: new Date(nowMs).toISOString() } as ConversationEvent;
          const result = decideChained(decide, state, event);
          state = result.state;
          for (const effect of result.effects) {
            if (effect.type !== "reply") continue;
            samples.push({
              where: `walk ${walk} step ${n} (desk ${agentDesk})`,
              channel,
              reply: effect,
            });
            if (effect.choices?.length) offered = effect.choices.map((c) => c.id);
          }
        }
      }
  }
  return samples;
}

/** What the system's events make the engine say, from the states they arrive in. */
function eventSamples(): Sample[] {
  const samples: Sample[] = [];
  const decide = createDecider(testSettings());
  const at = new Date(NOW).toISOString();
  const since = new Date(NOW - 3_600_000).toISOString();
  const draft = completeDraft();
  const cases: [string, ConversationState, ConversationEvent][] = [
    [
      "ticket failed",
      stateWith({ mode: { type: "submitting", since }, draft }),
      { type: "ticketFailed", at },
    ],
    [
      "no agent in time",
      stateWith({ mode: { type: "withAgent", since, reason: "userRequest", receiptAt: since } }),
      { type: "handoffCheck", at, since, answered: false },
    ],
    [
      "survey start",
      stateWith(),
      { type: "surveyStart", at, ticketId: "t-1", ticketNumber: "LDK-2026-00042" },
    ],
  ];
  for (const channel of CHANNELS)
    for (const language of LANGUAGES)
      for (const [where, state, event] of cases) {
        const result = decide({ ...state, channel, language }, event);
        for (const effect of result.effects)
          if (effect.type === "reply") samples.push({ where, channel, reply: effect });
      }
  return samples;
}

// ------------------------------------------------------------ the checks

const REF = new RegExp(
  `${MARK.refOpen}([^${MARK.refSep}]*)${MARK.refSep}([^${MARK.refClose}]*)${MARK.refClose}`,
  "gu",
);

/** Every label a choice id stands for, in either language: what a reference may fall back to. */
function knownLabels(): Map<string, Set<string>> {
  const settings = settingsWith(true);
  const draft = completeDraft();
  const options = [
    ...catalog.menuOptions(),
    ...catalog.summaryOptions(),
    ...catalog.resumeOptions(),
    ...catalog.cancelOptions(),
    ...catalog.humanOfferOptions(),
    ...catalog.deleteOptions(),
    ...catalog.consentOptions(),
    ...catalog.actingOptions(),
    ...catalog.screenshotOptions(),
    ...catalog.categoryOptions(settings),
    ...catalog.roleOptions(),
    ...catalog.editOptions(draft, settings),
    ...catalog.surveyOptions(0),
    ...catalog.surveyCommentOptions(),
    catalog.keepOption(),
    ...handoffOfferOptions(),
  ];
  const labels = new Map<string, Set<string>>();
  for (const option of options) labels.set(option.id, new Set([option.label.id, option.label.en]));
  labels.set(CONTACT_CHOICE_ID, new Set([CONTACT_BUTTON_TEXT]));
  return labels;
}

const KNOWN = knownLabels();

function body(reply: ReplyEffect): TextBody {
  return {
    kind: "text",
    text: reply.text,
    markup: true,
    ...(reply.choices ? { choices: [...reply.choices] } : {}),
    ...(reply.requestContact ? { requestContact: true } : {}),
  };
}

/** What Telegram shows: the text as read, and the buttons (inline or on the keyboard). */
function onTelegram(reply: ReplyEffect) {
  const rendered = renderBody(body(reply));
  const text = rendered.messages.map((m) => htmlToPlain(m.text)).join("\n");
  const buttons = rendered.messages.flatMap((m) => {
    const markup = m.reply_markup as
      | { inline_keyboard?: { text: string }[][]; keyboard?: { text: string }[][] }
      | undefined;
    return [...(markup?.inline_keyboard ?? []), ...(markup?.keyboard ?? [])]
      .flat()
      .map((b) => b.text);
  });
  const listed = buttons.length === 0 && (reply.choices?.length ?? 0) > 0;
  return { text, buttons, listed };
}

/** Literal wording that names a choice without a reference (checked as Telegram reads it). */
const NAMES_A_NUMBER =
  /\b(?:pilih|memilih|pilihlah|gunakan|choose|choosing|use|ketik|type)\s+(?:menu\s+)?\d{1,2}\b|\bmenu\s+\d\b|balas dengan (?:angka|nomor)|reply with (?:a |the )?number/iu;
const NAMES_A_BUTTON = /(?:pilih|choose|tombol|button|tekan|tap)\s+["“']/iu;
const OLD_CONTACT_BUTTON = /Bagikan kontak|Share contact/iu;

interface Problems {
  list: string[];
  refs: Set<string>;
}

function check(sample: Sample, problems: Problems) {
  const { reply, channel, where } = sample;
  const say = (what: string) =>
    problems.list.push(
      `${where} on ${channel}: ${what}\n  ${JSON.stringify(toPlainText(reply.text))}`,
    );
  const choices = reply.choices ?? [];
  // Text outside references, as Telegram words it: no literal choice names left.
  const bare = toPlainText(
    resolveMarkup(
      reply.text.replace(REF, ""),
      { style: "buttons", choices: [] },
      {
        bullet: "- ",
        ref: () => "",
        escape: (t) => t,
        bold: (t) => t,
      },
    ),
  );
  if (NAMES_A_NUMBER.test(bare)) say("names a choice by number outside a reference");
  if (NAMES_A_BUTTON.test(bare)) say("names a button by its words outside a reference");
  if (OLD_CONTACT_BUTTON.test(bare)) say("names the contact button by words it does not show");

  for (const [, id = "", label = ""] of reply.text.matchAll(REF)) {
    problems.refs.add(id);
    const known = KNOWN.get(id);
    if (known === undefined || !known.has(label)) {
      say(`refers to "${id}" as "${label}", which no choice is called`);
      continue;
    }
    const index = choices.findIndex((c) => c.id === id);
    const shown = choices[index];
    if (channel === "TELEGRAM") {
      const tg = onTelegram(reply);
      const contact = id === CONTACT_CHOICE_ID && reply.requestContact === true;
      const words = contact ? CONTACT_BUTTON_TEXT : shown?.label;
      if (words === undefined) {
        if (!tg.text.includes(label)) say(`does not show the label of "${id}"`);
      } else if (tg.listed) {
        if (!tg.text.includes(`${index + 1}. ${words}`))
          say(`lists no line ${index + 1} for "${id}"`);
      } else {
        if (!tg.buttons.includes(words)) say(`names "${words}" but shows no such button`);
        if (!tg.text.includes(words)) say(`does not name the button "${words}" in its text`);
      }
      continue;
    }
    const text = channel === "WHATSAPP" ? renderText(body(reply)) : renderForTerminal(body(reply));
    const number = channel === "WHATSAPP" ? `*${index + 1}*` : `${index + 1}`;
    const line =
      channel === "WHATSAPP"
        ? `\n${index + 1}. ${shown?.label}`
        : `\n  ${index + 1}. ${shown?.label}`;
    if (shown === undefined) {
      if (!text.includes(label)) say(`does not show the label of "${id}"`);
    } else if (!text.includes(number) || !text.includes(line)) {
      say(`refers to "${id}" as ${number} but does not list it so`);
    }
  }
}

describe("every prompt names only choices the user can see", () => {
  const samples = [...promptSamples(), ...eventSamples(), ...walkSamples(60, 45)];

  it("walks enough of the conversation to mean something", () => {
    expect(samples.length).toBeGreaterThan(3000);
    for (const channel of CHANNELS) {
      expect(samples.filter((s) => s.channel === channel).length).toBeGreaterThan(800);
    }
  });

  it("on Telegram (buttons), WhatsApp and the console (numbers)", () => {
    const problems: Problems = { list: [], refs: new Set() };
    for (const sample of samples) check(sample, problems);
    expect(problems.list.slice(0, 10)).toEqual([]);
    // Every reference the content makes was met on the way, on the channels it is for.
    expect([...problems.refs].sort()).toEqual(contentReferences());
  });
});

/** The ids content/ refers to (choiceRef call sites), so an unexercised one fails the walk. */
function contentReferences(): string[] {
  const dir = path.resolve(import.meta.dirname, "../../../core/content");
  const files = [
    ...readdirSync(dir).map((f) => path.join(dir, f)),
    ...readdirSync(path.join(dir, "messages")).map((f) => path.join(dir, "messages", f)),
  ].filter((f) => f.endsWith(".ts") && !f.endsWith("markup.ts"));
  const ids = new Set<string>();
  for (const file of files) {
    for (const [, literal, constant] of readFileSync(file, "utf8").matchAll(
      /choiceRef\(\s*(?:"([^"]+)"|([A-Z_]+))/gu,
    )) {
      ids.add(literal ?? (constant === "CONTACT_CHOICE_ID" ? CONTACT_CHOICE_ID : `?${constant}`));
    }
  }
  return [...ids].sort();
}
