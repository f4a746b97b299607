/**
 * A letter number from LETTER_NUMBER_FORMAT: `{seq}` becomes the running
 * number zero-padded to three digits (longer numbers keep all their digits),
 * `{year}` the four-digit year. "{seq}/SKG/LPSE-LDK/{year}" -> "007/SKG/LPSE-LDK/2026".
 */
export function formatLetterNumber(format: string, sequence: number, year: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) {
    throw new RangeError(`letter sequence must be a positive integer, got ${sequence}`);
  }
  return format
    .replaceAll("{seq}", String(sequence).padStart(3, "0"))
    .replaceAll("{year}", String(year).padStart(4, "0"));
}
