// Settings of the office's web console (bot/web/): cookies, sessions, lock-out, TOTP.
import { bool, defineArea, integer, setting } from "./setting.ts";

export const consoleArea = defineArea("Web console", {
  CONSOLE_COOKIE_SECURE: setting(bool(true), {
    example: "true",
    description:
      "`true`: the session cookie is `Secure` (sent over HTTPS only; put the console behind TLS). `false` only for plain HTTP on this machine during development.",
  }),
  CONSOLE_SESSION_IDLE_MINUTES: setting(integer(5, 24 * 60).default(30), {
    example: "30",
    description:
      "A console session (kept in Redis) ends after this many minutes without a request; the agent signs in again.",
  }),
  CONSOLE_LOCKOUT_ATTEMPTS: setting(integer(1, 100).default(5), {
    example: "5",
    description:
      "Wrong passwords in a row after which a console account is locked for `CONSOLE_LOCKOUT_MINUTES`.",
  }),
  CONSOLE_LOCKOUT_MINUTES: setting(integer(1, 24 * 60).default(15), {
    example: "15",
    description:
      "How long a console account stays locked after `CONSOLE_LOCKOUT_ATTEMPTS` wrong passwords; a correct password is refused meanwhile.",
  }),
  CONSOLE_SIGN_IN_PER_MINUTE: setting(integer(1, 10_000).default(10), {
    example: "10",
    description:
      "Sign-in attempts (`POST /konsol/masuk`, and the TOTP code step counted apart) one client address may make per minute; more get 429 until the minute is over. Counted in Redis, per address as `HTTP_TRUST_PROXY` reads it.",
  }),
  CONSOLE_TOTP_REQUIRED_SUPERVISOR: setting(bool(false), {
    example: "false",
    description:
      "`true`: every supervisor must sign in to the console with a TOTP code after the password; one who has none yet can open only `/konsol/akun` (to switch it on) until they have. Other roles may switch TOTP on for themselves either way.",
  }),
});
