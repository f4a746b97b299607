// What a user types is untrusted: it is normalised (so look-alike forms of the
// same letters compare equal), stripped of control characters (which can hide
// text in agents' views or break a channel's markup parser) and capped.

/**
 * Control characters except tab and newline, bidi overrides and isolates, and
 * zero-width marks (but not the zero-width joiner that emoji sequences use).
 */
const CONTROL = /(?![\t\n])\p{Cc}|[\u200b\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

export function sanitizeUserText(text: string, maxLength: number): string {
  const clean = text.normalize("NFC").replace(/\r\n?/gu, "\n").replace(CONTROL, "").trim();
  // Cut on a code point, never in the middle of a surrogate pair.
  return [...clean].slice(0, maxLength).join("");
}
