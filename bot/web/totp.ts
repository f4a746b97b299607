// Time-based one-time codes (RFC 6238) for the console's second sign-in step,
// with `otpauth`: SHA-1, 6 digits, 30-second steps, the form every
// authenticator app reads from the QR. A code is accepted in its own step and
// the one before or after (clock drift); which step it was is returned, so a
// code can be refused the second time (web-account-totp.store.ts).
import * as OTPAuth from "otpauth";

const ISSUER = "LPSE Landak";

const totp = (secret: string, label = "konsol") =>
  new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secret),
  });

/** A new random secret (160 bits), in base32. */
export const newTotpSecret = (): string => new OTPAuth.Secret({ size: 20 }).base32;

/** The otpauth:// address an authenticator app reads from the QR. */
export const totpUri = (secret: string, username: string): string =>
  totp(secret, username).toString();

/** The time step `code` belongs to (now's, or one either side), or null when it is not right. */
export function matchTotp(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/\s/gu, "");
  if (!/^\d{6}$/u.test(token)) return null;
  const t = totp(secret);
  const timestamp = now.getTime();
  const delta = t.validate({ token, timestamp, window: 1 });
  return delta === null ? null : t.counter({ timestamp }) + delta;
}
