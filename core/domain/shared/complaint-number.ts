import { parseTicketNumber } from "./ticket-number.ts";

/** Complaint numbers look like ADU-2026-00001 (pengaduan): prefix, year, yearly running number. */
const COMPLAINT_NUMBER = /^adu[\s\-_./]*(\d{4})[\s\-_./]*(\d{5})$/iu;

/** Reads a complaint number typed in any case or spacing; null when it is not one. */
export function parseComplaintNumber(text: string): string | null {
  const match = COMPLAINT_NUMBER.exec(text.trim());
  if (match === null) return null;
  const [, year, sequence] = match;
  if (year === undefined || sequence === undefined) return null;
  return `ADU-${year}-${sequence}`;
}

export function formatComplaintNumber(year: number, sequence: number): string {
  return `ADU-${String(year).padStart(4, "0")}-${String(sequence).padStart(5, "0")}`;
}

export function isComplaintNumber(number: string): boolean {
  return number.startsWith("ADU-");
}

/** A ticket's or a complaint's number, both checked with "status …". */
export function parseReferenceNumber(text: string): string | null {
  return parseTicketNumber(text) ?? parseComplaintNumber(text);
}
