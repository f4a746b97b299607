// OutboundBody -> sendMessage parameters. Pure, so the Telegram limits below
// are tested table-driven without a bot. Texts with markup (core/content/
// markup.ts) render in Telegram's HTML; plain texts are escaped as they are.
import type { InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from "grammy/types";
import {
  type ChoiceView,
  type Dialect,
  renderInline,
  resolveMarkup,
} from "../../core/content/markup.render.ts";
import { bold, CONTACT_CHOICE_ID } from "../../core/content/markup.ts";
import type { TextBody } from "../../core/contracts/messages.ts";

/** Telegram refuses a message text longer than this (UTF-16 units, after entities). */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** Telegram refuses callback_data longer than this, in bytes. */
export const CALLBACK_DATA_LIMIT = 64;

export const CONTACT_BUTTON_TEXT = "Kirim nomor HP saya / Share my number";

export interface TelegramMessageParams {
  text: string;
  parse_mode: "HTML";
  link_preview_options: { is_disabled: true };
  reply_markup?: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove;
}

export interface RenderedBody {
  /** One sendMessage per element, in order. */
  messages: TelegramMessageParams[];
  /** A reply keyboard (the contact button) stays on screen after these messages. */
  showsReplyKeyboard: boolean;
  /** These messages take a reply keyboard shown earlier away. */
  removesReplyKeyboard: boolean;
}

/** The engine writes plain text; in HTML mode only these three are special. */
export function escapeHtml(text: string): string {
  return text.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;");
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** Cuts one over-long line, at a space if there is one in the second half. */
function cutLine(line: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = line;
  while (rest.length > limit) {
    let at = rest.lastIndexOf(" ", limit);
    if (at < limit / 2) at = limit;
    // Never separate the halves of an emoji.
    if (isHighSurrogate(rest.charCodeAt(at - 1))) at -= 1;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^ /u, "");
  }
  parts.push(rest);
  return parts;
}

/** Splits on line boundaries so no part exceeds `limit`; a longer line is cut. */
export function splitText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let current = "";
  for (const line of text.split("\n").flatMap((l) => cutLine(l, limit))) {
    if (current === "") {
      current = line;
    } else if (current.length + 1 + line.length <= limit) {
      current = `${current}\n${line}`;
    } else {
      parts.push(current);
      current = line;
    }
  }
  parts.push(current);
  // Telegram refuses an empty text: blank runs between parts are dropped.
  return parts.filter((p) => p.trim() !== "");
}

/**
 * Telegram's HTML: bold as <b>, a reference as the button's own words (the
 * number only where the choices fell back to a numbered list).
 */
export const TELEGRAM_DIALECT: Dialect = {
  bullet: "• ",
  ref: (target, label, style) =>
    bold(target === null ? label : style === "buttons" ? target.label : String(target.number)),
  escape: escapeHtml,
  bold: (inner) => `<b>${inner}</b>`,
};

const fitsCallbackData = (id: string) =>
  id.length > 0 && Buffer.byteLength(id, "utf8") <= CALLBACK_DATA_LIMIT;

function numbered(text: string, choices: NonNullable<TextBody["choices"]>): string {
  return [text, ...choices.map((c, i) => `  ${i + 1}. ${c.label}`)].join("\n");
}

/**
 * Choices become inline buttons carrying the option id; with `requestContact`
 * they join the contact button on a reply keyboard, as text the engine matches
 * by label. An id too long for callback_data falls back to a numbered list,
 * which the engine also understands ("1", "2", ...).
 */
export function renderBody(
  body: TextBody,
  opts: { replyKeyboardShown?: boolean } = {},
): RenderedBody {
  const choices = body.choices ?? [];
  const buttons = choices.length > 0 && choices.every((c) => fitsCallbackData(c.id));
  const listed = choices.length > 0 && !buttons && !body.requestContact;
  const view: ChoiceView = {
    style: listed ? "numbers" : "buttons",
    choices: body.requestContact
      ? [...choices, { id: CONTACT_CHOICE_ID, label: CONTACT_BUTTON_TEXT }]
      : choices,
  };
  // Markers are settled before splitting; only bold is left to render per part.
  const source = body.markup ? resolveMarkup(body.text, view, TELEGRAM_DIALECT) : body.text;
  const text = listed ? numbered(source, choices) : source;
  const messages: TelegramMessageParams[] = splitText(text).map((part) => ({
    text: body.markup ? renderInline(part, TELEGRAM_DIALECT) : escapeHtml(part),
    parse_mode: "HTML",
    link_preview_options: { is_disabled: true },
  }));
  const first = messages[0];
  const last = messages[messages.length - 1];
  if (!first || !last) return { messages, showsReplyKeyboard: false, removesReplyKeyboard: false };

  if (body.requestContact) {
    last.reply_markup = {
      keyboard: [
        [{ text: CONTACT_BUTTON_TEXT, request_contact: true }],
        ...choices.map((c) => [{ text: c.label }]),
      ],
      resize_keyboard: true,
      one_time_keyboard: true,
    };
    return { messages, showsReplyKeyboard: true, removesReplyKeyboard: false };
  }
  if (buttons) {
    // One button per row: labels are long sentences and Telegram truncates side by side.
    last.reply_markup = {
      inline_keyboard: choices.map((c) => [{ text: c.label, callback_data: c.id }]),
    };
  }
  if (!opts.replyKeyboardShown) {
    return { messages, showsReplyKeyboard: false, removesReplyKeyboard: false };
  }
  // A message holds one keyboard: the removal rides on a message without buttons.
  const carrier = last.reply_markup === undefined ? last : messages.length > 1 ? first : undefined;
  if (!carrier) return { messages, showsReplyKeyboard: true, removesReplyKeyboard: false };
  carrier.reply_markup = { remove_keyboard: true };
  return { messages, showsReplyKeyboard: false, removesReplyKeyboard: true };
}
