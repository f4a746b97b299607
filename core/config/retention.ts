// How long personal data is kept (the daily retention job in workers/).
import { defineArea, integer, setting } from "./setting.ts";

export const retentionArea = defineArea("Data retention", {
  RETENTION_ATTACHMENT_DAYS: setting(integer(1, 3650).default(90), {
    example: "90",
    description:
      "Documents of a closed ticket are erased after this many days (daily job, 02:30 WIB).",
  }),
  RETENTION_PERSONAL_DAYS: setting(integer(1, 3650).default(365), {
    example: "365",
    description:
      "Personal fields of a closed ticket (name, NIK, phone, e-mail, request text) and agents' notes on it are blanked after this many days; statistics stay.",
  }),
  RETENTION_MESSAGE_DAYS: setting(integer(1, 3650).default(30), {
    example: "30",
    description:
      "Bodies of sent messages, desk relays, idle chats, unhandled Telegram updates, sent WhatsApp messages and dead letters are erased after this many days.",
  }),
});
