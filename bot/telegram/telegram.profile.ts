// What Telegram shows about the bot: the command menu and the texts on the
// empty chat screen, in Bahasa Indonesia (the default for every user) and
// English (users whose Telegram is set to English).
import type { BotCommand } from "grammy/types";

export interface BotProfile {
  /** Undefined: the default for all languages. */
  languageCode: "en" | undefined;
  commands: BotCommand[];
  /** Shown on the empty chat screen; Telegram allows 512 characters. */
  description: string;
  /** Shown on the bot's profile and in shared links; Telegram allows 120 characters. */
  shortDescription: string;
}

export const BOT_PROFILES: readonly BotProfile[] = [
  {
    languageCode: undefined,
    commands: [
      { command: "start", description: "Mulai / menu utama" },
      { command: "menu", description: "Menu utama" },
      { command: "status", description: "Cek status tiket, contoh: /status LDK-2026-00001" },
      { command: "batal", description: "Batalkan permohonan yang sedang diisi" },
      { command: "bantuan", description: "Bantuan penggunaan bot" },
      { command: "petugas", description: "Bicara dengan petugas helpdesk" },
      { command: "bahasa", description: "Ganti bahasa (Indonesia / English)" },
      { command: "datasaya", description: "Lihat data pribadi Anda yang kami simpan" },
      { command: "hapusdata", description: "Minta penghapusan data pribadi Anda" },
    ],
    description:
      "Helpdesk LPSE Kabupaten Landak melayani pengguna SPSE: lupa kata sandi, aktivasi akun, " +
      "verifikasi penyedia, gagal unggah dokumen penawaran, dan gangguan SPSE lainnya. " +
      "Layanan gratis. Tekan Mulai atau ketik /start.",
    shortDescription: "Helpdesk LPSE Kabupaten Landak untuk pengguna SPSE. Layanan gratis.",
  },
  {
    languageCode: "en",
    commands: [
      { command: "start", description: "Start / main menu" },
      { command: "menu", description: "Main menu" },
      { command: "status", description: "Check a ticket, e.g. /status LDK-2026-00001" },
      { command: "batal", description: "Cancel the request being filled in" },
      { command: "bantuan", description: "Help" },
      { command: "petugas", description: "Talk to a helpdesk agent" },
      { command: "bahasa", description: "Change language (Indonesia / English)" },
      { command: "datasaya", description: "See the personal data we hold about you" },
      { command: "hapusdata", description: "Ask for your personal data to be erased" },
    ],
    description:
      "The helpdesk of LPSE Kabupaten Landak helps SPSE users: forgotten passwords, account " +
      "activation, vendor verification, failed bid uploads and other SPSE problems. " +
      "Free of charge. Press Start or type /start.",
    shortDescription: "Helpdesk of LPSE Kabupaten Landak for SPSE users. Free of charge.",
  },
];
