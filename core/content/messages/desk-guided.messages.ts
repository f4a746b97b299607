// What the agents group reads for internal notes, the ticket history and the
// guided steps behind the card's buttons (Bahasa Indonesia). The common
// requests and reasons are the choices offered as buttons; the text of a
// choice is what the workflow records and the user is told.

export interface GuidedChoice {
  /** Short stable id used in button data (letters, digits). */
  readonly id: string;
  /** The button's label. */
  readonly label: string;
  /** What is recorded and sent to the user. */
  readonly text: string;
}

export const COMMON_REQUESTS: readonly GuidedChoice[] = [
  {
    id: "ktp",
    label: "Foto KTP yang jelas",
    text: "foto KTP yang jelas, seluruh sisi terbaca dan tidak terpotong",
  },
  {
    id: "shot",
    label: "Tangkapan layar galat",
    text: "tangkapan layar (screenshot) pesan galat yang muncul, satu layar penuh",
  },
  {
    id: "kuasa",
    label: "Surat kuasa",
    text: "surat kuasa yang ditandatangani pemilik akun/pimpinan perusahaan",
  },
  {
    id: "akta",
    label: "Akta pendirian",
    text: "foto/scan akta pendirian perusahaan beserta perubahannya",
  },
  {
    id: "nib",
    label: "NIB / izin usaha",
    text: "foto/scan NIB (Nomor Induk Berusaha) atau izin usaha yang berlaku",
  },
  {
    id: "kode",
    label: "Kode tender/paket",
    text: "kode tender/paket dan nama paket pengadaan yang dimaksud",
  },
];

export const COMMON_RESOLUTIONS: readonly GuidedChoice[] = [
  {
    id: "reset",
    label: "Password direset",
    text: "Password akun SPSE sudah kami reset. Silakan periksa e-mail yang terdaftar (termasuk folder spam), lalu segera ganti password.",
  },
  {
    id: "aktif",
    label: "Akun diaktifkan",
    text: "Akun SPSE Bapak/Ibu sudah aktif dan dapat dipakai kembali.",
  },
  {
    id: "data",
    label: "Data diperbarui",
    text: "Data akun sudah kami perbarui sesuai permohonan. Silakan periksa kembali di SPSE.",
  },
  {
    id: "panduan",
    label: "Dipandu sampai berhasil",
    text: "Kendala sudah teratasi dengan panduan dari petugas helpdesk.",
  },
];

export const COMMON_REJECTIONS: readonly GuidedChoice[] = [
  {
    id: "ganda",
    label: "Permohonan ganda",
    text: "Permohonan ganda: permasalahan yang sama sudah ditangani pada tiket lain.",
  },
  {
    id: "lingkup",
    label: "Di luar layanan LPSE",
    text: "Permasalahan berada di luar lingkup layanan helpdesk LPSE Kabupaten Landak.",
  },
  {
    id: "lengkap",
    label: "Dokumen tidak dilengkapi",
    text: "Dokumen yang diminta tidak dilengkapi sehingga permohonan belum dapat diproses. Silakan ajukan kembali dengan dokumen lengkap.",
  },
  {
    id: "sesuai",
    label: "Data pemohon tidak sesuai",
    text: "Data pemohon tidak sesuai dengan data akun yang dimaksud.",
  },
];

/** The guided steps behind the card's buttons. */
export type GuidedStep = "request" | "resolve" | "reject";

export const GUIDED_TEXT = {
  noteEmpty: "Catatan kosong tidak disimpan. Contoh: // akun terkunci 3x, cek log SPSE",
  historyHeader: (what: string) => `🕘 Riwayat ${what}:`,
  historyOlder: (n: number) => `(${n} baris lebih lama tidak ditampilkan)`,
  historyEmpty: (what: string) => `Belum ada riwayat untuk ${what}.`,
  historyStatus: (from: string, to: string, who: string) => `🔄 ${from} → ${to} · ${who}`,
  historyRouted: (team: string, priority: string) =>
    `🧭 Diarahkan ke tim ${team}, prioritas ${priority} · sistem`,
  historyNote: (who: string, text: string) => `📝 ${who}: ${text}`,
  historyReason: (reason: string) => `   Keterangan: ${reason}`,
  ask: {
    request: (number: string) =>
      `📎 Apa yang perlu dikirim pengguna untuk tiket ${number}? Pilih salah satu, atau balas (reply) pesan ini dengan teks sendiri.`,
    resolve: (number: string) =>
      `✅ Catatan penyelesaian tiket ${number} (dikirim ke pengguna)? Pilih salah satu, atau balas (reply) pesan ini dengan teks sendiri.`,
    reject: (number: string) =>
      `⛔ Alasan menolak tiket ${number} (dikirim ke pengguna)? Pilih salah satu, atau balas (reply) pesan ini dengan teks sendiri.`,
  } satisfies Record<GuidedStep, (number: string) => string>,
  writeOwn: (step: GuidedStep, number: string) =>
    `✍️ Tulis ${step === "request" ? "dokumen/informasi yang diminta" : step === "resolve" ? "catatan penyelesaian" : "alasan penolakan"} untuk tiket ${number} sebagai balasan pesan ini.`,
  placeholder: {
    request: "Dokumen/informasi yang diminta",
    resolve: "Catatan penyelesaian",
    reject: "Alasan penolakan",
  } satisfies Record<GuidedStep, string>,
  forwardAsk: (number: string) => `➡️ Teruskan tiket ${number} ke tim mana?`,
  chosen: (what: string, agent: string) => `☑️ ${what} — dipilih oleh ${agent}.`,
  cancelled: (agent: string) => `✖️ Dibatalkan oleh ${agent}.`,
  promptExpired:
    "Pilihan ini sudah tidak berlaku (sudah dipakai atau kedaluwarsa). Tekan lagi tombol di kartu tiket, atau ketik perintahnya.",
  replyEmpty: "Balasan kosong tidak dipakai. Tulis teksnya sebagai balasan pesan sebelumnya.",
  userAnswered: (reason: string | null) =>
    `📬 Pengguna sudah mengirim balasan${reason ? ` atas permintaan: "${reason}"` : ""}. Periksa kirimannya, lalu tekan ▶️ Lanjut untuk melanjutkan penanganan.`,
} as const;

export const GUIDED_BUTTONS = {
  writeOwn: "✍️ Tulis sendiri",
  cancel: "✖️ Batal",
  resume: "▶️ Lanjut",
  forward: "➡️ Teruskan",
  close: "📁 Tutup",
  history: "🕘 Riwayat",
} as const;
