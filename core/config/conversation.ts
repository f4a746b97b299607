// Settings of the conversation with citizens: what the office tells them, draft
// timers, files, flood limits, the inbound queue and self-service articles.
import { z } from "zod";
import { bool, defineArea, integer, optional, setting } from "./setting.ts";

export const conversationArea = defineArea("Conversation and intake", {
  OFFICE_EMAIL: setting(
    optional(z.email({ error: "harus alamat e-mail / must be an e-mail address" })),
    {
      example: "helpdesk-lpse@example.go.id",
      description:
        "The office e-mail users are told about; the standard names none. Required in production.",
      unset: "_(placeholder)_",
    },
  ),
  OPENING_HOURS: setting(optional(z.string().min(3)), {
    example: "Senin-Jumat 07.30-16.00 WIB",
    description:
      'Opening hours told to users in Bahasa Indonesia. Empty (with `OPENING_HOURS_EN`): written from the business calendar, e.g. "Senin–Jumat 07.30–16.00 WIB".',
    unset: "_(from the calendar)_",
  }),
  OPENING_HOURS_EN: setting(optional(z.string().min(3)), {
    example: "Monday-Friday 07:30-16:00 WIB",
    description: 'The same in English ("Monday–Friday 07:30–16:00 WIB"); set both or neither.',
    unset: "_(from the calendar)_",
  }),
  HANDOFF_RECEIPT_QUIET_MINUTES: setting(integer(1, 24 * 60).default(30), {
    example: "30",
    description:
      "While a user waits for an agent, a message after this many quiet minutes is acknowledged again (the first always is).",
  }),
  COMPLAINT_RESPONSE_DAYS: setting(integer(1, 60).default(5), {
    example: "5",
    description:
      "Working days within which the office answers a service complaint; told with its number (ADU-…), the first working day after filing counts as day 1.",
  }),
  DRAFT_REMINDER_MINUTES: setting(integer(1, 24 * 60).default(30), {
    example: "30",
    description: "An unfinished request gets one reminder after this idle time.",
  }),
  DRAFT_EXPIRY_HOURS: setting(integer(1, 24 * 30).default(24), {
    example: "24",
    description: "An unfinished request is deleted after this idle time.",
  }),
  MEDIA_MAX_BYTES: setting(integer(1024, 2 * 1024 * 1024 * 1024).default(10 * 1024 * 1024), {
    example: "10485760",
    description:
      "Largest file a user may send (10 MB), on every channel. Downloads stop once more bytes than this have arrived, whatever size the message claimed; the user is told the limit.",
  }),
  MEDIA_DOWNLOAD_TIMEOUT_MS: setting(integer(100, 600_000).default(60_000), {
    example: "60000",
    description:
      "A file download (WhatsApp, Telegram) is given up after this many ms; the user is asked to send the file again.",
  }),
  RATE_LIMIT_BURST: setting(integer(1, 1000).default(20), {
    example: "20",
    description: "Messages one sender may send at once before the flood answer.",
  }),
  RATE_LIMIT_PER_MINUTE: setting(integer(1, 6000).default(30), {
    example: "30",
    description: "Refill of each sender's allowance, messages per minute.",
  }),
  INBOUND_CONCURRENCY: setting(integer(1, 9).default(6), {
    example: "6",
    description:
      "Inbound messages one bot process decides and commits at once (1-9, below the database pool of 10); a burst beyond it waits in arrival order instead of failing.",
  }),
  INBOUND_QUEUE_MAX: setting(integer(1, 100_000).default(500), {
    example: "500",
    description:
      'User messages one bot process holds waiting for their turn (behind `INBOUND_CONCURRENCY`). Beyond it a message is not taken: the sender is told "sedang ramai, mohon coba sebentar lagi" (at most once a minute). Files are then not even downloaded.',
  }),
  INBOUND_BUSY_NOTICE_WAITING: setting(integer(0, 100_000).default(250), {
    example: "250",
    description:
      'Waiting user messages (behind `INBOUND_CONCURRENCY`) from which the line counts as saturated: a sender whose message is taken then hears at once "Mohon maaf, layanan sedang ramai. Pesan Bapak/Ibu sudah kami terima dan sedang kami proses." (once per saturation episode, which ends when nothing waits), and the message is still answered in its turn. `0` turns this count off.',
  }),
  INBOUND_BUSY_NOTICE_AFTER_MS: setting(integer(0, 600_000).default(5000), {
    example: "5000",
    description:
      "The line also counts as saturated when its oldest unfinished message was taken this many milliseconds ago and others wait behind it (see `INBOUND_BUSY_NOTICE_WAITING`). `0` turns this age off.",
  }),
  SELF_SERVICE_ENABLED: setting(bool(true), {
    example: "true",
    description:
      "Offer help articles in the chat (description step, messages outside a flow); `false` turns them and `/artikel` off.",
  }),
  ARTICLES_DIR: setting(optional(z.string()), {
    example: "/etc/lpse-helpdesk/articles",
    description:
      'Folder of the office\'s Markdown articles (see "Self-service answers"); the set in `core/content/articles` when empty.',
    unset: "_(shipped set)_",
    allowed: "path of a folder",
  }),
});
