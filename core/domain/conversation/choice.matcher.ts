import type { Localized } from "../../content/index.ts";
import { normalizeForMatch } from "../shared/text.normalizer.ts";
import type { UserEvent } from "./conversation-event.schema.ts";

/** An answer the user can pick: by button (id), by number, or by typing its words. */
export interface Option {
  readonly id: string;
  readonly label: Localized;
  readonly aliases: readonly string[];
}

export type OptionMatch =
  | { readonly type: "matched"; readonly option: Option }
  /** A button press whose id is not offered now: an old message's button. */
  | { readonly type: "stale" }
  | { readonly type: "none" };

/** Words that carry no choice: "saya mau cek status" should read as "cek status". */
const FILLER_WORDS = new Set([
  "saya",
  "aku",
  "mau",
  "ingin",
  "untuk",
  "yang",
  "dan",
  "atau",
  "di",
  "ke",
  "dari",
  "pada",
  "tolong",
  "mohon",
  "bapak",
  "ibu",
  "pak",
  "bu",
  "nomor",
  "no",
  "pilih",
  "pilihan",
  "opsi",
  "the",
  "a",
  "an",
  "i",
  "to",
  "of",
  "and",
  "or",
  "my",
  "want",
  "please",
  "option",
  "number",
]);

const tokens = (text: string): string[] => normalizeForMatch(text).split(" ").filter(Boolean);

function phrasesOf(option: Option): string[] {
  return [option.label.id, option.label.en, ...option.aliases].map(normalizeForMatch);
}

/** `loose: false` accepts only ids, numbers and exact words: for questions laid over free-text answers. */
export interface MatchOptions {
  readonly loose?: boolean;
}

function exactly(options: readonly Option[], phrase: string): Option[] {
  return phrase === "" ? [] : options.filter((option) => phrasesOf(option).includes(phrase));
}

/**
 * Resolves what the user picked. Order: button id, number, exact words (label
 * or alias, either language, with or without filler words such as "saya
 * mau"), then the unique option whose words contain all typed words or whose
 * label words all appear in the message.
 */
export function matchOption(
  options: readonly Option[],
  event: UserEvent,
  { loose = true }: MatchOptions = {},
): OptionMatch {
  if (event.type === "choice") {
    const option = options.find((candidate) => candidate.id === event.optionId);
    return option === undefined ? { type: "stale" } : { type: "matched", option };
  }
  if (event.type !== "text") return { type: "none" };

  const normalized = normalizeForMatch(event.text);
  if (normalized === "") return { type: "none" };

  const numberMatch = /^(?:(?:nomor|no|pilihan|pilih|opsi|option|number)\s+)?(\d{1,2})$/u.exec(
    normalized,
  );
  if (numberMatch?.[1] !== undefined) {
    const option = options[Number(numberMatch[1]) - 1];
    return option === undefined ? { type: "none" } : { type: "matched", option };
  }

  const words = tokens(event.text);
  const meaningful = words.filter((word) => !FILLER_WORDS.has(word));
  for (const phrase of [normalized, meaningful.join(" ")]) {
    const exact = exactly(options, phrase);
    if (exact.length === 1 && exact[0] !== undefined) return { type: "matched", option: exact[0] };
    if (exact.length > 1) return { type: "none" };
  }
  if (!loose || meaningful.length === 0) return { type: "none" };

  const typed = new Set(words);
  const partial = options.filter((option) => {
    const optionWords = new Set(phrasesOf(option).flatMap((phrase) => phrase.split(" ")));
    const typedWithinOption = meaningful.every((word) => optionWords.has(word));
    const labelWithinTyped = [option.label.id, option.label.en].some((label) =>
      tokens(label).every((word) => typed.has(word)),
    );
    return typedWithinOption || labelWithinTyped;
  });
  return partial.length === 1 && partial[0] !== undefined
    ? { type: "matched", option: partial[0] }
    : { type: "none" };
}
