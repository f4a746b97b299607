import { localized } from "../language.ts";

/** Sent once per flood window to a sender who writes faster than the bot takes messages. */
export const FLOOD_NOTICE = localized(
  "Mohon maaf Bapak/Ibu, pesan Anda terlalu cepat. Silakan tunggu sebentar, lalu kirim kembali pesan yang belum kami tanggapi.",
  "Sorry, your messages are arriving too fast. Please wait a moment, then send again any message we have not answered.",
);

/** Sent when the bot has more messages waiting than it may hold (INBOUND_QUEUE_MAX). */
export const BUSY_NOTICE = localized(
  "Mohon maaf Bapak/Ibu, layanan kami sedang ramai, mohon coba sebentar lagi. Pesan terakhir Anda belum kami proses; silakan kirim kembali dalam beberapa menit.",
  "Sorry, we are very busy right now, please try again shortly. Your last message has not been processed; please send it again in a few minutes.",
);

/**
 * Sent once per saturation episode to a sender whose message was taken but
 * waits behind many others (INBOUND_BUSY_NOTICE_*): it will be answered.
 */
export const BUSY_ACK_NOTICE = localized(
  "Mohon maaf, layanan sedang ramai. Pesan Bapak/Ibu sudah kami terima dan sedang kami proses.",
  "Sorry, we are very busy right now. We have received your message and are processing it.",
);
