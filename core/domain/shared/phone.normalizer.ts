import { err, ok, type Result } from "./result.ts";

/** Why a phone number was refused. */
export type PhoneError =
  | { readonly code: "format" }
  | { readonly code: "foreign" }
  | { readonly code: "notMobile" }
  | { readonly code: "length" };

/** Subscriber part after +62 of an Indonesian mobile number: 8xx, 9 to 12 digits. */
const MIN_NATIONAL_DIGITS = 9;
const MAX_NATIONAL_DIGITS = 12;

/**
 * Normalises an Indonesian mobile number to E.164 (+628...). Accepts the ways
 * people write it: 0812-3456-7890, 62812..., +62 812..., +62 0812... and
 * WhatsApp ids (628123456789).
 */
export function normalizeIndonesianMobile(input: string): Result<string, PhoneError> {
  const compact = input.replace(/[\s\-.()]/gu, "");
  const international = compact.startsWith("+") ? compact.slice(1) : compact;
  if (!/^\d+$/u.test(international)) return err({ code: "format" });

  let national: string;
  if (compact.startsWith("+")) {
    if (!international.startsWith("62")) return err({ code: "foreign" });
    national = international.slice(2);
  } else if (international.startsWith("0062")) {
    national = international.slice(4);
  } else if (international.startsWith("62")) {
    national = international.slice(2);
  } else if (international.startsWith("0")) {
    national = international.slice(1);
  } else {
    return err({ code: "format" });
  }
  // "+62 0812..." is a common hybrid; the trunk zero does not belong after the country code.
  if (national.startsWith("0")) national = national.slice(1);

  if (!national.startsWith("8")) return err({ code: "notMobile" });
  if (national.length < MIN_NATIONAL_DIGITS || national.length > MAX_NATIONAL_DIGITS) {
    return err({ code: "length" });
  }
  return ok(`+62${national}`);
}
