// Issue 19, point 2: no text names a choice the user cannot see. Every
// prompt (each mode's question, and what a walk through the engine says on
// the way: corrections, notices, offers; test/fixtures/prompt-corpus.ts) is
// rendered by each channel's real renderer, and every reference to a choice
// is checked against what that channel actually shows: the button on
// Telegram, the numbered line on WhatsApp and the console.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderForTerminal } from "../../../bot/console/console.render.ts";
import { CONTACT_BUTTON_TEXT, renderBody } from "../../../bot/telegram/telegram.render.ts";
import { renderText } from "../../../bot/whatsapp/whatsapp.render.ts";
import { CONTACT_CHOICE_ID, MARK } from "../../../core/content/index.ts";
import { resolveMarkup, toPlainText } from "../../../core/content/markup.render.ts";
import type { TextBody } from "../../../core/contracts/messages.ts";
import { handoffOfferOptions } from "../../../core/domain/conversation/handoff.flow.ts";
import type { ReplyEffect } from "../../../core/domain/conversation/index.ts";
import * as catalog from "../../../core/domain/conversation/options.catalog.ts";
import { htmlToPlain } from "../../fakes/bot-api-server.ts";
import { completeDraft } from "../../fixtures/conversation.builders.ts";
import {
  CHANNELS,
  eventSamples,
  promptSamples,
  type Sample,
  settingsWith,
  walkSamples,
} from "../../fixtures/prompt-corpus.ts";

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
