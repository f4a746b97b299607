// The one formatting model of texts the bot writes to users. A text carries
// markers (control characters) for bold, list items, references to the
// choices on screen, and phrasing that depends on how choices are shown;
// each channel renders them in its own markup (markup.render.ts). Control
// characters never survive from what a user types (sanitizeUserText drops
// them), so nobody can forge a marker; `plain()` drops them from any other
// text put inside a message (an agent's note, a stored value).
import { type Localized, perLanguage } from "./language.ts";

export const MARK = {
  boldOpen: "\u0001",
  boldClose: "\u0002",
  refOpen: "\u0003",
  refSep: "\u0004",
  refClose: "\u0005",
  bullet: "\u0006",
  altOpen: "\u0010",
  altSep: "\u0011",
  altClose: "\u0012",
} as const;

const MARKS: ReadonlySet<string> = new Set(Object.values(MARK));

/** Text from outside the bot's own content, made safe to embed: no markers left. */
export function plain(text: string): string {
  let out = "";
  for (const char of text) if (!MARKS.has(char)) out += char;
  return out;
}

export function bold(text: string): string {
  return `${MARK.boldOpen}${plain(text)}${MARK.boldClose}`;
}

/** One line per item, rendered as the channel's bullet list. */
export function bulletList(items: readonly string[]): string {
  return items.map((item) => `${MARK.bullet}${item}`).join("\n");
}

/** The id of Telegram's "share my number" keyboard button, referable like a choice. */
export const CONTACT_CHOICE_ID = "contact";

/**
 * Names a choice the way the user sees it: its button on Telegram, its
 * number on WhatsApp and the console. `label` is what to say when the choice
 * is not on the message itself (e.g. a menu entry named in another prompt).
 */
export function choiceRef(id: string, label: Localized): Localized {
  return perLanguage(
    (language) => `${MARK.refOpen}${id}${MARK.refSep}${plain(label[language])}${MARK.refClose}`,
  );
}

/** Words that depend on how the channel shows choices: tapping buttons or typing numbers. */
export function byChoiceStyle(buttons: Localized, numbers: Localized): Localized {
  return perLanguage(
    (language) =>
      `${MARK.altOpen}${buttons[language]}${MARK.altSep}${numbers[language]}${MARK.altClose}`,
  );
}
