// Settings of the office's web console (bot/web/): cookies, sessions, lock-out.
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
});
