// The one formatting model (core/content/markup.ts) rendered by each channel:
// bold, lists and references to choices in Telegram's HTML, WhatsApp's own
// markup and the plain console, with what users wrote escaped.
import { describe, expect, it } from "vitest";
import { renderForTerminal } from "../../bot/console/console.render.ts";
import { CONTACT_BUTTON_TEXT, renderBody } from "../../bot/telegram/telegram.render.ts";
import { renderText } from "../../bot/whatsapp/whatsapp.render.ts";
import {
  bold,
  bulletList,
  byChoiceStyle,
  CONTACT_CHOICE_ID,
  choiceRef,
  localized,
  MARK,
  plain,
} from "../../core/content/index.ts";
import type { TextBody } from "../../core/contracts/messages.ts";
import { sanitizeUserText } from "../../core/domain/privacy/sanitize.ts";
import { htmlParseError, htmlToPlain } from "../fakes/bot-api-server.ts";

const choices = [
  { id: "menu.apply", label: "Ajukan permohonan" },
  { id: "menu.status", label: "Cek status tiket" },
];
const status = choiceRef("menu.status", localized("Cek status tiket", "Check ticket status"));
const elsewhere = choiceRef("menu.info", localized("Persyaratan", "Requirements"));
const pick = byChoiceStyle(localized("tekan tombol", "tap"), localized("ketik nomor", "type"));

/** A message as the engine writes it: user text embedded with `plain`, markers elsewhere. */
function message(userText: string): TextBody {
  return {
    kind: "text",
    markup: true,
    choices,
    text: [
      `Halo ${bold(plain(userText))}, silakan ${pick.id} lalu pilih ${status.id}.`,
      bulletList(["satu", "dua"]),
      `Info: ${elsewhere.id}`,
    ].join("\n"),
  };
}

const telegramText = (body: TextBody) =>
  renderBody(body)
    .messages.map((m) => m.text)
    .join("\n");

// biome-ignore lint/suspicious/noControlCharactersInRegex: markers are control characters
const CONTROL = /[\u0000-\u0008\u000b-\u001f]/u;

describe("one formatting model, rendered per channel", () => {
  it("Telegram: <b> bold, bullets, a reference as the button's words, user text escaped", () => {
    const html = telegramText(message("PT <A> & B"));
    expect(html).toBe(
      [
        "Halo <b>PT &lt;A&gt; &amp; B</b>, silakan tekan tombol lalu pilih <b>Cek status tiket</b>.",
        "• satu",
        "• dua",
        "Info: <b>Persyaratan</b>",
      ].join("\n"),
    );
    expect(htmlParseError(html)).toBeNull();
    expect(html).not.toMatch(CONTROL);
  });

  it("WhatsApp: *bold*, '- ' lists, a reference as the number to type", () => {
    expect(renderText(message("Budi"))).toBe(
      [
        "Halo *Budi*, silakan ketik nomor lalu pilih *2*.",
        "- satu",
        "- dua",
        "Info: *Persyaratan*",
        "",
        "1. Ajukan permohonan",
        "2. Cek status tiket",
      ].join("\n"),
    );
  });

  it("console: plain, a reference as the number, one not on screen quoted", () => {
    expect(renderForTerminal(message("Budi"))).toBe(
      [
        "Halo Budi, silakan ketik nomor lalu pilih 2.",
        "- satu",
        "- dua",
        'Info: "Persyaratan"',
        "  1. Ajukan permohonan",
        "  2. Cek status tiket",
      ].join("\n"),
    );
  });

  it("WhatsApp bold keeps spaces outside the asterisks and holds per line", () => {
    const body: TextBody = { kind: "text", markup: true, text: `a${bold(" dua\ntiga ")}b` };
    expect(renderText(body)).toBe("a *dua*\n*tiga* b");
  });

  it("a marker forged in user text is gone before it could format anything", () => {
    const forged = `x${MARK.boldOpen}y${MARK.refOpen}menu.apply${MARK.refSep}z${MARK.refClose}`;
    // Typed by a user: the inbound pipeline drops control characters.
    expect(sanitizeUserText(forged, 100)).toBe("xymenu.applyz");
    // Any other text put in a message (an agent's, a stored value) goes through plain().
    expect(plain(forged)).toBe("xymenu.applyz");
    const html = telegramText(message(forged));
    expect(htmlToPlain(html)).toContain("Halo xymenu.applyz,");
    expect(html).not.toMatch(CONTROL);
  });

  it("text without markup is shown as it is (an agent's words): escaped, nothing interpreted", () => {
    const body: TextBody = { kind: "text", text: "Pilih *menu* <b>1</b>" };
    expect(telegramText(body)).toBe("Pilih *menu* &lt;b&gt;1&lt;/b&gt;");
    expect(renderText(body)).toBe("Pilih *menu* <b>1</b>");
    expect(renderForTerminal(body)).toBe("Pilih *menu* <b>1</b>");
  });

  it("Telegram: where buttons fall back to a numbered list, a reference is the number", () => {
    const long = [{ id: `x.${"é".repeat(40)}`, label: "Panjang" }, ...choices];
    const html = telegramText({ ...message("Budi"), choices: long });
    expect(html).toContain("silakan ketik nomor lalu pilih <b>3</b>.");
    expect(html).toContain("  3. Cek status tiket");
  });

  it("Telegram: the contact button is referred to by its own words", () => {
    const ref = choiceRef(CONTACT_CHOICE_ID, localized("Bagikan", "Share"));
    const rendered = renderBody({
      kind: "text",
      markup: true,
      requestContact: true,
      text: `Tekan ${ref.id}`,
    });
    expect(rendered.messages[0]?.text).toBe(`Tekan <b>${CONTACT_BUTTON_TEXT}</b>`);
  });

  it("Telegram: a long text split in parts keeps every part's HTML whole", () => {
    const line = `${bold("Judul")} ${"isi ".repeat(20)}`;
    const text = Array.from({ length: 80 }, () => line).join("\n");
    const { messages } = renderBody({ kind: "text", markup: true, text, choices });
    expect(messages.length).toBeGreaterThan(1);
    for (const part of messages) expect(htmlParseError(part.text)).toBeNull();
    expect(messages.map((m) => htmlToPlain(m.text)).join("\n")).toBe(
      Array.from({ length: 80 }, () => `Judul ${"isi ".repeat(20)}`).join("\n"),
    );
  });
});
