// What is kept of a search no article answered, so the office knows what to
// write next: its normalised terms, never the message. Before that, NIK,
// phone numbers and e-mail addresses are cut out (core/domain/privacy/redact),
// then every word with a digit (tender codes, NIK fragments, dates), and every
// capitalised word inside the message (names of people and companies: "saya
// Budi dari CV Maju Jaya"), unless it is a short acronym such as SPSE or HPS.
import { redactText } from "../../domain/privacy/redact.ts";
import { analyse, fold, MAX_QUERY_CHARS, termsOf, tokenize } from "./search-terms.ts";

const EMAIL = /[^\s@]+@[^\s@]+/gu;
const MAX_TERMS = 8;

function keepWord(word: string, index: number): boolean {
  if (/\d/u.test(word)) return false;
  if (/^\p{Lu}{2,5}$/u.test(word)) return true;
  // The first word of a message is capitalised by the keyboard, not because it is a name.
  return index === 0 || !/^\p{Lu}/u.test(word);
}

export function noMatchTerms(text: string): string[] {
  const redacted = redactText(text.slice(0, MAX_QUERY_CHARS)).replace(EMAIL, " ");
  const words = redacted
    .replace(/\[redacted-[a-z]+\]/gu, " ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .filter(keepWord);
  const terms = new Set<string>();
  for (const token of tokenize(words.join(" "))) {
    const first = termsOf(token)?.[0];
    if (first !== undefined && fold(first) === first) terms.add(first);
    if (terms.size >= MAX_TERMS) break;
  }
  return [...terms];
}

/** The normalised query, for a keyed hash: equal questions hash alike, the text is not kept. */
export function queryKey(text: string): string {
  return analyse(text)
    .map((terms) => terms.join("|"))
    .join(" ");
}
