import { err, ok, type Result } from "./result.ts";

export type EmailError =
  | { readonly code: "format" }
  | { readonly code: "typo"; readonly suggestion: string };

const MAX_EMAIL_LENGTH = 254;
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/u;
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/u;

/** Misspellings of the providers most vendors use; a ticket with a dead address cannot be answered. */
const DOMAIN_TYPOS: Readonly<Record<string, string>> = {
  "gmail.co": "gmail.com",
  "gmail.con": "gmail.com",
  "gmail.cm": "gmail.com",
  "gmail.om": "gmail.com",
  "gmial.com": "gmail.com",
  "gmai.com": "gmail.com",
  "gamil.com": "gmail.com",
  "gmil.com": "gmail.com",
  "gmaill.com": "gmail.com",
  "yahoo.con": "yahoo.com",
  "yaho.com": "yahoo.com",
  "yahooo.com": "yahoo.com",
  "yahoo.co": "yahoo.com",
  "yahoo.co.od": "yahoo.co.id",
  "hotmail.con": "hotmail.com",
  "outlook.con": "outlook.com",
};

/** Validates and lower-cases an e-mail address typed in a chat. */
export function validateEmail(input: string): Result<string, EmailError> {
  const email = input
    .trim()
    .toLowerCase()
    .replace(/^mailto:/u, "");
  if (email.length > MAX_EMAIL_LENGTH) return err({ code: "format" });
  const at = email.lastIndexOf("@");
  if (at <= 0) return err({ code: "format" });
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > 64 || !LOCAL_PART.test(local) || !DOMAIN.test(domain)) {
    return err({ code: "format" });
  }
  const corrected = DOMAIN_TYPOS[domain];
  if (corrected !== undefined) return err({ code: "typo", suggestion: `${local}@${corrected}` });
  return ok(email);
}
