// The WhatsApp channel: pairing, session and pacing (bot/whatsapp).
import { z } from "zod";
import { bool, defineArea, integer, optional, setting } from "./setting.ts";

export const whatsappArea = defineArea("WhatsApp channel", {
  WHATSAPP_ENABLED: setting(bool(false), {
    example: "true",
    description:
      "`true` starts the WhatsApp socket on the helpdesk number; unpaired, it shows a QR (terminal and `/admin/whatsapp/qr`).",
  }),
  WHATSAPP_PAIRING_NUMBER: setting(
    optional(
      z.string().regex(/^62\d{8,13}$/, "nomor tanpa + diawali 62 / digits starting with 62, no +"),
    ),
    {
      example: "62811579941",
      description: "Number as `62…` (no `+`): link with a pairing code instead of a QR.",
    },
  ),
  WHATSAPP_SESSION_ID: setting(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "huruf, angka, _ - / letters, digits, _ -")
      .default("helpdesk"),
    {
      example: "helpdesk",
      description: "Name of the WhatsApp auth state in the database; one socket per session.",
    },
  ),
  WHATSAPP_CHAT_INTERVAL_MS: setting(integer(0, 60_000).default(1500), {
    example: "1500",
    description: "Minimum time between two WhatsApp messages to one chat (random jitter is added).",
  }),
  WHATSAPP_GLOBAL_RATE_PER_SECOND: setting(z.coerce.number().min(0.1).max(50).default(5), {
    example: "5",
    description: "WhatsApp messages per second over all chats.",
  }),
});
