// Settings of the office's web console (bot/web/): cookies, sessions, lock-out, TOTP.
import { z } from "zod";
import { bool, defineArea, integer, optional, setting } from "./setting.ts";

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
  CONSOLE_LIVE_MAX_STREAMS: setting(integer(1, 10_000).default(100), {
    example: "100",
    description:
      "Live-update streams (server-sent events, one per open console tab) this bot process keeps open at once; a tab beyond it gets no live updates (HTTP 503) and is reloaded by hand. Each stream holds one of the `HTTP_MAX_CONNECTIONS`: keep this well below it, so the webhook and health checks always find a connection.",
  }),
  CONSOLE_LIVE_HEARTBEAT_SECONDS: setting(integer(5, 300).default(25), {
    example: "25",
    description:
      "Every this many seconds a live-update stream sends a heartbeat (so proxies keep it open) and checks the session again: a stream whose session has expired, or whose agent was deactivated or lost the role, is ended.",
  }),
  CONSOLE_UPLOAD_MAX_BYTES: setting(
    integer(64 * 1024, 50 * 1024 * 1024).default(10 * 1024 * 1024),
    {
      example: "10485760",
      description:
        "Largest file (bytes) an agent may attach to a ticket filed in the console (`/konsol/tiket/baru`: scanned KTP, request letter, screenshots). A larger file refuses the form (413).",
    },
  ),
  CONSOLE_UPLOAD_MAX_FILES: setting(integer(1, 20).default(6), {
    example: "6",
    description:
      "Most files one ticket filed in the console may carry; more refuse the form (413).",
  }),
  SMTP_URL: setting(optional(z.url({ protocol: /^smtps?$/u })), {
    example: "smtps://helpdesk%40lpse.landakkab.go.id:secret@mail.landakkab.go.id:465",
    unset: "e-mail notification refused",
    description:
      "SMTP server (nodemailer URL: `smtp://` with STARTTLS or `smtps://`, user and password URL-encoded) for notices to applicants who chose e-mail on a ticket filed in the console. Unset: the console refuses e-mail notification.",
  }),
  SMTP_FROM: setting(optional(z.string().min(3).max(200)), {
    example: "Helpdesk LPSE Kabupaten Landak <helpdesk@lpse.landakkab.go.id>",
    description: "The From of those e-mails; `OFFICE_EMAIL` when unset.",
  }),
  CONSOLE_SIGN_IN_PER_MINUTE: setting(integer(1, 10_000).default(10), {
    example: "10",
    description:
      "Sign-in attempts (`POST /konsol/masuk`; the TOTP code step and the Telegram Login callback are counted apart) one client address may make per minute; more get 429 until the minute is over. Counted in Redis, per address as `HTTP_TRUST_PROXY` reads it.",
  }),
  CONSOLE_TELEGRAM_LOGIN_BOT: setting(
    optional(
      z
        .string()
        .regex(/^[A-Za-z0-9_]{5,32}$/u, "nama pengguna bot tanpa @ / the bot's user name, no @"),
    ),
    {
      example: "lpse_landak_bot",
      description:
        "Set (with `TELEGRAM_BOT_TOKEN`, the same bot): the sign-in page offers the Telegram Login Widget of this bot (its domain set with BotFather's `/setdomain`), and `/konsol/masuk/telegram` signs in the agent with that Telegram account who has a console account. The widget is a script from telegram.org: the browser must reach it. Empty: off.",
    },
  ),
  CONSOLE_TELEGRAM_LOGIN_MAX_AGE_SECONDS: setting(integer(30, 24 * 3600).default(300), {
    example: "300",
    description:
      "Telegram Login data older than this (its `auth_date`) is refused; each signed set of data works once.",
  }),
  CONSOLE_TOTP_REQUIRED_SUPERVISOR: setting(bool(false), {
    example: "false",
    description:
      "`true`: every supervisor must sign in to the console with a TOTP code after the password; one who has none yet can open only `/konsol/akun` (to switch it on) until they have. Other roles may switch TOTP on for themselves either way.",
  }),
});
