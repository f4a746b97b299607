/**
 * Words that work as commands anywhere in the conversation, compared after
 * folding case, accents and punctuation ("/start" reads as "start"). Only a
 * message consisting of exactly one of these counts, so answers such as a
 * description that merely contains "batal" are never taken as commands.
 */
export const COMMAND_WORDS = {
  menu: ["menu", "menu utama", "main menu", "start", "mulai", "home", "beranda"],
  cancel: ["batal", "batalkan", "cancel", "gak jadi", "tidak jadi", "nggak jadi"],
  back: ["kembali", "back", "sebelumnya", "previous", "mundur"],
  help: ["bantuan", "help", "tolong", "panduan"],
  agent: [
    "petugas",
    "bicara dengan petugas",
    "hubungi petugas",
    "minta petugas",
    "operator",
    "admin",
    "cs",
    "customer service",
    "agent",
    "talk to agent",
    "talk to staff",
    "staff",
    "human",
    "manusia",
  ],
  status: [
    "status",
    "cek status",
    "cek status tiket",
    "check status",
    "ticket status",
    "status tiket",
  ],
  myData: [
    "data saya",
    "lihat data saya",
    "cek data saya",
    "data pribadi saya",
    "my data",
    "show my data",
    "my personal data",
    // Telegram's command menu: /datasaya, /mydata (commands cannot hold spaces).
    "datasaya",
    "mydata",
  ],
  deleteData: [
    "hapus data saya",
    "hapus data pribadi saya",
    "hapus semua data saya",
    "delete my data",
    "erase my data",
    "delete my personal data",
    // Telegram's command menu: /hapusdata, /deletedata.
    "hapusdata",
    "deletedata",
  ],
  languageToggle: ["bahasa", "language", "ganti bahasa", "change language", "ubah bahasa"],
  languageEnglish: ["english", "inggris", "bahasa inggris", "in english"],
  languageIndonesian: ["indonesia", "bahasa indonesia", "indonesian", "b indonesia"],
} as const satisfies Record<string, readonly string[]>;
