// Personal data that must never reach a log line: NIK (16 digits) and phone
// numbers, including WhatsApp JIDs, which are the number followed by a domain.

/** A NIK: exactly 16 digits not glued to other digits. */
const NIK = /(?<!\d)\d{16}(?!\d)/g;
/**
 * Indonesian mobile and landline numbers as users type them (0811579941,
 * +62 811-579-941, 62811579941), separators allowed. Numbers of other
 * countries are caught where they appear in a WhatsApp JID.
 */
const PHONE = /(?<!\w)(?:\+?62|0)[\s.-]?8\d(?:[\s.-]?\d){6,11}(?!\d)/g;
const JID = /\d{6,20}(?=(?::\d+)?@(?:s\.whatsapp\.net|c\.us|lid))/g;

export function redactText(text: string): string {
  return text
    .replace(JID, "[redacted-id]")
    .replace(NIK, "[redacted-nik]")
    .replace(PHONE, "[redacted-phone]");
}
