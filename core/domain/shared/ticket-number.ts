/** Ticket numbers look like LDK-2026-00042: office prefix, year, yearly running number. */
const TICKET_NUMBER = /^ldk[\s\-_./]*(\d{4})[\s\-_./]*(\d{5})$/iu;

/** Reads a ticket number typed in any case or spacing; null when it is not one. */
export function parseTicketNumber(text: string): string | null {
  const match = TICKET_NUMBER.exec(text.trim());
  if (match === null) return null;
  const [, year, sequence] = match;
  if (year === undefined || sequence === undefined) return null;
  return `LDK-${year}-${sequence}`;
}

export function formatTicketNumber(year: number, sequence: number): string {
  return `LDK-${String(year).padStart(4, "0")}-${String(sequence).padStart(5, "0")}`;
}
