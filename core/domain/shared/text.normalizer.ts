/**
 * Folds free text for matching typed words against commands and options:
 * users write "Cek Status!", "cék  status" or "CEK-STATUS" and mean the same.
 */
export function normalizeForMatch(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Trims and collapses inner whitespace so stored answers look the way they read. */
export function tidyText(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}
