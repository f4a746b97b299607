// How a text becomes search terms, for the articles and for what users type:
// folded, chat spelling and English mapped to the office's words, stopwords
// dropped, then Snowball's Indonesian stemmer (me-, di-, ber-, -kan, -nya …).
// MiniSearch runs it on both sides, so a query meets the articles halfway.
import { stemmer } from "@orama/stemmers/indonesian";
import {
  SEARCH_PHRASES,
  SEARCH_STOPWORDS,
  SEARCH_SYNONYMS,
} from "../../content/search-vocabulary.content.ts";

const STOPWORDS = new Set(SEARCH_STOPWORDS);
/** Longest phrases first, so "kata sandi" wins over any shorter phrase inside it. */
const PHRASES = Object.entries(SEARCH_PHRASES)
  .sort(([a], [b]) => b.length - a.length)
  .map(([phrase, term]) => ({ pattern: new RegExp(`(?<=^| )${phrase}(?= |$)`, "gu"), term }));
/** Nobody types a word this long; it is noise (or an attack on the index). */
const MAX_TOKEN = 30;
/** What a search looks at of a message. */
export const MAX_QUERY_CHARS = 300;

export function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Whole words, with multi-word phrases already joined into one term. */
export function tokenize(text: string): string[] {
  let folded = fold(text.slice(0, MAX_QUERY_CHARS * 20));
  for (const { pattern, term } of PHRASES) folded = folded.replace(pattern, term);
  return folded.split(" ").filter(Boolean);
}

function synonyms(word: string): readonly string[] {
  const mapped = SEARCH_SYNONYMS[word];
  if (mapped === undefined) return [word];
  return typeof mapped === "string" ? [mapped] : mapped;
}

/**
 * The terms one word stands for; null when it says nothing. A phrase term
 * ("surat kuasa") arrives as one token with a space and yields its words.
 */
export function termsOf(token: string): string[] | null {
  // "upload2" is chat's reduplication ("upload-upload"); bare numbers carry no meaning.
  const word = token
    .replace(/(?<=\p{L})2$/u, "")
    // The stemmer leaves "-nya" on short words ("otpnya"); words of the office's own come first.
    .replace(/^(\p{L}{3,})nya$/u, (whole, base: string) =>
      SEARCH_SYNONYMS[base] !== undefined || /^[a-z]{2,4}$/u.test(base) ? base : whole,
    );
  if (word.length > MAX_TOKEN || /^\d+$/u.test(word)) return null;
  const out = new Set<string>();
  for (const candidate of synonyms(word).flatMap((term) => term.split(" "))) {
    if (STOPWORDS.has(candidate)) continue;
    const stem = stemmer(candidate);
    if (STOPWORDS.has(stem)) continue;
    out.add(stem);
    // "diupload" stems to "upload", which is itself a synonym.
    for (const again of synonyms(stem)) if (!STOPWORDS.has(again)) out.add(stemmer(again));
  }
  return out.size === 0 ? null : [...out];
}

/** The informative words of a text, each with the terms it stands for. */
export function analyse(text: string): string[][] {
  return tokenize(text.slice(0, MAX_QUERY_CHARS))
    .map(termsOf)
    .filter((terms): terms is string[] => terms !== null);
}
