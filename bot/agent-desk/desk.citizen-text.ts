// A citizen's words shown in the agents group. Telegram makes "/agen hapus 1"
// a tappable command wherever it stands at a word's start, so a citizen could
// plant a command an agent triggers with one tap. A word joiner after such a
// slash breaks the command (Telegram needs letters right after it) and shows
// nothing.
import { escapeHtml } from "../telegram/telegram.render.ts";

const WORD_JOINER = "\u2060";
/** A slash that Telegram reads as a command's start: not after a letter, digit, "_", "/", "<" or ">". */
const COMMAND_SLASH = /(^|[^\p{L}\p{N}_/<>])\/(?=[A-Za-z0-9_])/gu;

export function neutraliseCommands(text: string): string {
  return text.replace(COMMAND_SLASH, `$1/${WORD_JOINER}`);
}

/** A citizen's text for an HTML-mode message: escaped, commands broken. */
export const citizenHtml = (text: string) => neutraliseCommands(escapeHtml(text));
