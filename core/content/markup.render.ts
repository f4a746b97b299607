// Renders the markers of markup.ts for one channel. Two steps, so that a
// channel which must split long texts (Telegram) can split between them:
// `resolveMarkup` settles what depends on the choices shown (references,
// phrasing, list bullets) and leaves only bold markers; `renderInline` then
// escapes the text and writes bold in the channel's own syntax.
import { MARK } from "./markup.ts";

/** How a message shows its choices: buttons to tap, or a numbered list to type from. */
export type ChoiceStyle = "buttons" | "numbers";

export interface ShownChoice {
  readonly id: string;
  /** What the user sees: a button's text, or a list line's label. */
  readonly label: string;
}

export interface ChoiceView {
  readonly style: ChoiceStyle;
  /** In order; on a numbered list, the first is 1. */
  readonly choices: readonly ShownChoice[];
}

/** The choice a reference names, as shown on this message; null when it is not on it. */
export interface RefTarget {
  readonly label: string;
  readonly number: number;
}

export interface Dialect {
  /** A list item's bullet ("• ", "- "). */
  readonly bullet: string;
  /** A reference, as markup (bold markers allowed): the shown choice, or the label named. */
  ref(target: RefTarget | null, label: string, style: ChoiceStyle): string;
  escape(text: string): string;
  /** Bold around already escaped text. */
  bold(inner: string): string;
}

/** The part of `text` from `open` to its `close`, or null when unterminated. */
function section(text: string, from: number, close: string): { body: string; end: number } | null {
  const end = text.indexOf(close, from);
  return end === -1 ? null : { body: text.slice(from, end), end };
}

function resolveAlternatives(text: string, style: ChoiceStyle): string {
  let out = "";
  let at = 0;
  for (;;) {
    const open = text.indexOf(MARK.altOpen, at);
    if (open === -1) return out + text.slice(at);
    out += text.slice(at, open);
    const whole = section(text, open + 1, MARK.altClose);
    if (whole === null) return out + text.slice(open + 1);
    const sep = whole.body.indexOf(MARK.altSep);
    const buttons = sep === -1 ? whole.body : whole.body.slice(0, sep);
    const numbers = sep === -1 ? whole.body : whole.body.slice(sep + 1);
    out += style === "buttons" ? buttons : numbers;
    at = whole.end + 1;
  }
}

function resolveRefs(text: string, view: ChoiceView, dialect: Dialect): string {
  let out = "";
  let at = 0;
  for (;;) {
    const open = text.indexOf(MARK.refOpen, at);
    if (open === -1) return out + text.slice(at);
    out += text.slice(at, open);
    const whole = section(text, open + 1, MARK.refClose);
    if (whole === null) return out + text.slice(open + 1);
    const sep = whole.body.indexOf(MARK.refSep);
    const id = sep === -1 ? whole.body : whole.body.slice(0, sep);
    const label = sep === -1 ? "" : whole.body.slice(sep + 1);
    const index = view.choices.findIndex((choice) => choice.id === id);
    const shown = view.choices[index];
    out += dialect.ref(
      shown === undefined ? null : { label: shown.label, number: index + 1 },
      label,
      view.style,
    );
    at = whole.end + 1;
  }
}

/** Everything but bold settled for this message's choices. */
export function resolveMarkup(text: string, view: ChoiceView, dialect: Dialect): string {
  const resolved = resolveRefs(resolveAlternatives(text, view.style), view, dialect);
  return resolved.split(MARK.bullet).join(dialect.bullet);
}

/** Escapes text and writes bold; an unclosed bold (a split message) ends with its part. */
export function renderInline(text: string, dialect: Pick<Dialect, "escape" | "bold">): string {
  let out = "";
  let at = 0;
  for (;;) {
    const open = text.indexOf(MARK.boldOpen, at);
    const plainPart = (to: number) =>
      dialect.escape(text.slice(at, to).replaceAll(MARK.boldClose, ""));
    if (open === -1) return out + plainPart(text.length);
    out += plainPart(open);
    const close = text.indexOf(MARK.boldClose, open + 1);
    const end = close === -1 ? text.length : close;
    const inner = text.slice(open + 1, end).replaceAll(MARK.boldOpen, "");
    if (inner.trim() !== "") out += dialect.bold(dialect.escape(inner));
    else out += dialect.escape(inner);
    if (close === -1) return out;
    at = close + 1;
  }
}

export function renderMarkup(text: string, view: ChoiceView, dialect: Dialect): string {
  return renderInline(resolveMarkup(text, view, dialect), dialect);
}

/** A view with no choices: references read as their labels, phrasing as for numbers. */
export const NO_CHOICES: ChoiceView = { style: "numbers", choices: [] };

/**
 * Plain reading of a text for logs-free checks and tests: bold dropped,
 * references as their numbers or quoted labels.
 */
export const PLAIN_DIALECT: Dialect = {
  bullet: "- ",
  ref: (target, label) => (target === null ? `"${label}"` : String(target.number)),
  escape: (text) => text,
  bold: (inner) => inner,
};

export function toPlainText(text: string, view: ChoiceView = NO_CHOICES): string {
  return renderMarkup(text, view, PLAIN_DIALECT);
}
