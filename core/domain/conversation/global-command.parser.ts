import { COMMAND_WORDS, type Language } from "../../content/index.ts";
import { parseReferenceNumber } from "../shared/complaint-number.ts";
import { normalizeForMatch } from "../shared/text.normalizer.ts";

/** Commands that work at every step ("menu", "batal", "status LDK-2026-00042", ...). */
export type GlobalCommand =
  | { readonly type: "menu" }
  | { readonly type: "cancel" }
  | { readonly type: "back" }
  | { readonly type: "help" }
  | { readonly type: "agent" }
  /** `ticketNumber` (a ticket's or a complaint's) null: the user asked without saying which. */
  | { readonly type: "status"; readonly ticketNumber: string | null }
  | { readonly type: "language"; readonly target: Language | "toggle" }
  /** "data saya": what we hold about the user (UU 27/2022 right of access). */
  | { readonly type: "myData" }
  /** "hapus data saya": ask for erasure, decided by a supervisor. */
  | { readonly type: "deleteData" };

const STATUS_PREFIX = /^(?:cek\s+|check\s+)?status(?:\s+(?:tiket|ticket))?\s*[:#]?\s*(.+)$/iu;

const is = (words: readonly string[], normalized: string) => words.includes(normalized);

export function parseGlobalCommand(text: string): GlobalCommand | null {
  const trimmed = text.trim();
  if (trimmed === "?") return { type: "help" };

  const ticketNumber = parseReferenceNumber(trimmed);
  if (ticketNumber !== null) return { type: "status", ticketNumber };
  const statusWithNumber = STATUS_PREFIX.exec(trimmed);
  if (statusWithNumber?.[1] !== undefined) {
    const number = parseReferenceNumber(statusWithNumber[1]);
    // "status tender saya belum berubah" is an answer, not a command.
    if (number !== null) return { type: "status", ticketNumber: number };
  }

  const normalized = normalizeForMatch(trimmed);
  if (is(COMMAND_WORDS.menu, normalized)) return { type: "menu" };
  if (is(COMMAND_WORDS.cancel, normalized)) return { type: "cancel" };
  if (is(COMMAND_WORDS.back, normalized)) return { type: "back" };
  if (is(COMMAND_WORDS.help, normalized)) return { type: "help" };
  if (is(COMMAND_WORDS.agent, normalized)) return { type: "agent" };
  if (is(COMMAND_WORDS.status, normalized)) return { type: "status", ticketNumber: null };
  if (is(COMMAND_WORDS.myData, normalized)) return { type: "myData" };
  if (is(COMMAND_WORDS.deleteData, normalized)) return { type: "deleteData" };
  if (is(COMMAND_WORDS.languageToggle, normalized)) return { type: "language", target: "toggle" };
  if (is(COMMAND_WORDS.languageEnglish, normalized)) return { type: "language", target: "en" };
  if (is(COMMAND_WORDS.languageIndonesian, normalized)) return { type: "language", target: "id" };
  return null;
}
