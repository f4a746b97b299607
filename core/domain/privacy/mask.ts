// Masks for showing personal data back to its owner ("data saya"). Bullets,
// not asterisks: WhatsApp reads *…* as bold and would eat the stars.

const DOT = "•";

/** 6171054101900001 → 6171••••••••0001. */
export function maskNikForUser(nik: string): string {
  const digits = nik.trim();
  if (digits.length <= 8) return DOT.repeat(digits.length);
  return `${digits.slice(0, 4)}${DOT.repeat(digits.length - 8)}${digits.slice(-4)}`;
}

/** +6281234567890 → +62812•••••890: enough to recognise, not to dial. */
export function maskPhoneForUser(phone: string): string {
  const compact = phone.replace(/[\s\-.()]/gu, "");
  if (compact.length <= 7) return DOT.repeat(compact.length);
  const head = compact.startsWith("+") ? 6 : 5;
  return `${compact.slice(0, head)}${DOT.repeat(compact.length - head - 3)}${compact.slice(-3)}`;
}

/** budi.santoso@example.com → b•••@example.com. */
export function maskEmailForUser(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return DOT.repeat(Math.min(email.length, 8));
  return `${email.slice(0, 1)}${DOT.repeat(3)}${email.slice(at)}`;
}
