// Canned answers agents send with /templat, for the frequent problems. An
// office may replace them with AGENT_TEMPLATES_FILE (same shape, JSON).

export interface DeskTemplate {
  /** Stable id used in buttons: letters, digits, dashes. */
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

export const DEFAULT_DESK_TEMPLATES: readonly DeskTemplate[] = [
  {
    id: "reset-password",
    title: "Reset password berhasil",
    text: "Bapak/Ibu, password akun SPSE Anda sudah kami reset. Silakan periksa e-mail yang terdaftar (termasuk folder spam), lalu masuk dan segera ganti password dengan yang baru.",
  },
  {
    id: "aktivasi",
    title: "Aktivasi akun",
    text: "Bapak/Ibu, untuk aktivasi akun penyedia mohon datang ke kantor LPSE Kabupaten Landak dengan membawa KTP asli dan dokumen perusahaan asli untuk verifikasi, pada jam layanan.",
  },
  {
    id: "verifikasi-dokumen",
    title: "Dokumen verifikasi kurang",
    text: "Bapak/Ibu, dokumen verifikasi Anda belum lengkap. Mohon kirimkan foto/scan yang jelas dari dokumen yang kurang di chat ini agar verifikasi dapat kami lanjutkan.",
  },
  {
    id: "upload-gagal",
    title: "Unggah penawaran gagal",
    text: "Bapak/Ibu, bila unggah dokumen penawaran gagal: pastikan memakai Apendo/SPAMKODOK versi terbaru, ukuran file sesuai ketentuan, dan koneksi stabil. Kirimkan tangkapan layar pesan galatnya bila masih gagal, dan segera beri tahu kami bila batas waktu penawaran sudah dekat.",
  },
  {
    id: "gangguan-spse",
    title: "Gangguan SPSE sedang ditangani",
    text: "Bapak/Ibu, saat ini terdapat gangguan pada layanan SPSE yang sedang ditangani bersama LKPP. Kami akan memberi kabar di chat ini segera setelah layanan pulih. Bila gangguan dikonfirmasi LKPP, Surat Keterangan Gangguan dapat kami terbitkan.",
  },
  {
    id: "cache-browser",
    title: "Bersihkan cache peramban",
    text: "Bapak/Ibu, silakan bersihkan cache dan cookie peramban (Ctrl+Shift+Delete), tutup lalu buka kembali peramban, dan coba lagi. Bila masih bermasalah, kirimkan tangkapan layarnya kepada kami.",
  },
];
