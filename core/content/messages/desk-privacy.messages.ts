// What the agents group reads about its own privacy duties: tombstones of
// erased or expired topics, KTP views, removed members. Bahasa Indonesia.

export const DESK_PRIVACY_TEXT = {
  /** In General where a ticket's topic was; no personal data. */
  topicTombstone: (what: string, reason: "ERASURE" | "RETENTION") =>
    `🗑️ Topik ${what} dihapus ${
      reason === "ERASURE" ? "atas permintaan penghapusan data" : "karena masa simpan berakhir"
    }.`,
  ticketTopic: (number: string) => `tiket ${number}`,
  chatTopic: (shortId: string) => `obrolan …${shortId}`,
  ktpExpires: (minutes: number) =>
    `⏳ Foto KTP ini akan dihapus otomatis dari grup dalam ${minutes} menit.`,
  ktpNotAllowed:
    "Mohon maaf, foto KTP hanya dapat dibuka oleh petugas yang menangani tiket ini atau supervisor. Ambil tiket dulu dengan /ambil bila Anda yang menanganinya.",
  agentRemovedFromGroup: (name: string) =>
    `Petugas ${name} dinonaktifkan dan dikeluarkan dari grup petugas. Ia dapat diundang kembali bila diperlukan.`,
  agentRemovedNotInGroup: (name: string) =>
    `Petugas ${name} dinonaktifkan. Ia tidak dapat dikeluarkan dari grup (bukan anggota, atau bot tidak berhak mengeluarkan anggota); periksa daftar anggota grup.`,
} as const;
