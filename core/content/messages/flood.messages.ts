import { localized } from "../language.ts";

/** Sent once per flood window to a sender who writes faster than the bot takes messages. */
export const FLOOD_NOTICE = localized(
  "Mohon maaf Bapak/Ibu, pesan Anda terlalu cepat. Silakan tunggu sebentar, lalu kirim kembali pesan yang belum kami tanggapi.",
  "Sorry, your messages are arriving too fast. Please wait a moment, then send again any message we have not answered.",
);
