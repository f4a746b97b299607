// What supervisors read in the agents group about the help articles (Bahasa Indonesia).

export const ARTICLE_DESK_TEXT = {
  usage: [
    "Artikel bantuan (hanya supervisor):",
    "/artikel — daftar artikel dan draf yang menunggu",
    "/artikel lihat <id> — artikel seperti dibaca pengguna",
    "/artikel riwayat <id> — semua versi",
    "/artikel tulis — lalu di baris berikutnya isi lengkap artikel (front matter --- ... --- dan isi); menjadi draf",
    "/artikel terbitkan <id> <versi> — menerbitkan draf yang sudah Anda periksa",
    "/artikel tolak <id> <versi> [alasan]",
    "/jadikanartikel — di topik tiket yang sudah selesai: jawaban petugas menjadi draf artikel",
  ].join("\n"),
  supervisorsOnly: "Mohon maaf, hanya supervisor yang dapat mengelola artikel bantuan.",
  listHeader: "📚 Artikel yang terbit:",
  listEmpty: "Belum ada artikel yang terbit.",
  draftsHeader: "📝 Draf menunggu diterbitkan:",
  templateMark: " (TEMPLATE, belum tampil ke pengguna)",
  notFound: (id: string) => `Artikel "${id}" tidak ditemukan.`,
  invalid: (problem: string) => `Artikel belum dapat disimpan: ${problem}`,
  unknownPlaceholders: (names: string) =>
    `Artikel belum dapat disimpan: placeholder tidak dikenal ${names}.`,
  draftSaved: (id: string, number: number) =>
    `📝 Draf "${id}" versi ${number} disimpan. Pratinjau seperti dibaca pengguna:`,
  publishHint: (id: string, number: number) =>
    `Terbitkan setelah diperiksa: /artikel terbitkan ${id} ${number}\nTolak: /artikel tolak ${id} ${number} alasan`,
  published: (id: string, number: number, reviewer: string, selfReview: boolean) =>
    `✅ Artikel "${id}" versi ${number} diterbitkan oleh ${reviewer}${selfReview ? " (penulis sendiri, langkah terbit terpisah)" : ""}. Bot memakainya mulai sekarang.`,
  rejected: (id: string, number: number) => `Draf "${id}" versi ${number} ditolak.`,
  noDraft: (id: string, number: string) =>
    `Tidak ada draf "${id}" versi ${number} yang menunggu (salah nomor, atau sudah diputuskan).`,
  historyHeader: (id: string) => `Riwayat artikel "${id}":`,
  ticketNotResolved: (number: string) =>
    `Tiket ${number} belum selesai, atau belum ada catatan penyelesaiannya. /jadikanartikel dipakai setelah /selesai.`,
  fromTicket: (number: string) =>
    `Draf dibuat dari jawaban tiket ${number}. NIK, nomor HP dan e-mail sudah dihapus otomatis; periksa juga nama orang sebelum terbit. Ubah judul dan kata kunci dengan /artikel tulis bila perlu.`,
} as const;

export const ARTICLE_STATUS_LABEL: Record<string, string> = {
  DRAFT: "draf",
  PUBLISHED: "terbit",
  SUPERSEDED: "digantikan",
  REJECTED: "ditolak",
};
