// What the helpdesk staff read in the agents group (Bahasa Indonesia), and the
// lines the desk adds to what users receive.
import type { Localized } from "../language.ts";

export const DESK_OFFICE_SIGNATURE: Localized = {
  id: "Petugas Helpdesk LPSE Landak",
  en: "LPSE Landak Helpdesk",
};

/** The signature under an agent's reply: the office, or the agent's name. */
export function agentSignature(
  mode: "office" | "agent",
  agentName: string,
  language: "id" | "en",
): string {
  const office = DESK_OFFICE_SIGNATURE[language];
  return mode === "agent" ? `— ${agentName}, ${office}` : `— ${office}`;
}

export const DESK_TEXT = {
  notRegistered:
    "Mohon maaf, Anda belum terdaftar sebagai petugas helpdesk, sehingga belum dapat menggunakan perintah ini. Silakan minta supervisor mendaftarkan Anda dengan /agen tambah.",
  notAllowed: (what: string) => `Mohon maaf, peran Anda tidak berwenang untuk ${what}.`,
  unknownCommand: (name: string) =>
    `Perintah /${name} tidak dikenal di sini. Ketik /bantuan untuk daftar perintah.`,
  notInTicketTopic:
    "Perintah ini hanya dapat dipakai di dalam topik tiket. Buka topik tiket yang bersangkutan lalu ulangi.",
  notInTopic: "Perintah ini hanya dapat dipakai di dalam topik tiket atau topik obrolan.",
  needsArgument: (usage: string) => `Mohon lengkapi perintahnya. Contoh: ${usage}`,
  badTeam: (teams: string) => `Tim tidak dikenal. Pilih salah satu: ${teams}.`,
  ticketNotFound: (number: string) => `Tiket ${number} tidak ditemukan.`,
  relayFailed:
    "Pesan belum dapat diteruskan ke pengguna. Sistem akan mencoba lagi; bila tetap gagal, petugas akan diberi tahu.",
  consoleReply: (agent: string, text: string) =>
    `💬 Balasan kepada pengguna dari konsol web oleh ${agent}:\n${text}`,
  consoleNote: (agent: string, text: string) =>
    `📝 Catatan internal dari konsol web oleh ${agent} (tidak dikirim ke pengguna):\n${text}`,
  consoleFile: (agent: string, type: string) =>
    `📎 Petugas ${agent} mengirim berkas ${type} kepada pengguna melalui konsol web.`,
  consoleLetter: (number: string, agent: string) =>
    `📄 Surat Keterangan Gangguan LPSE nomor ${number} diterbitkan oleh ${agent} melalui konsol web dan dikirim kepada pengguna.`,
  noteSaved:
    "📝 Catatan internal disimpan (tidak dikirim ke pengguna). Lihat semua catatan dengan /riwayat.",
  fileNotRelayed:
    "Berkas tidak dapat diteruskan ke pengguna: hanya JPEG, PNG, WebP atau PDF yang utuh, dalam batas ukuran, yang dapat dikirim.",
  claimed: (agent: string) => `🙋 Tiket diambil oleh ${agent}.`,
  alreadyClaimed: (agent: string) => `Tiket ini sudah diambil oleh ${agent}.`,
  statusChanged: (from: string, to: string, agent: string) =>
    `🔄 Status: ${from} → ${to} (oleh ${agent}).`,
  statusChangedBySystem: (from: string, to: string, actor: string) =>
    `🔄 Status: ${from} → ${to} (${actor}).`,
  userMessage: "👤 <b>Pengguna</b>:",
  userDocument: (kind: string) => `👤 Pengguna mengirim ${kind}.`,
  /** Before what the user wrote on a file they sent (plain text). */
  userCaption: "✍️ Keterangan pengguna:",
  ktpWarning:
    "🔒 Foto KTP ini dilindungi (tidak dapat diteruskan atau disimpan) dan setiap tampilan tercatat di log audit.",
  ktpMissing:
    "Tiket ini tidak memiliki foto KTP yang tersimpan (mungkin sudah dihapus sesuai retensi).",
  handoffOpened: (context: string) =>
    `🙋 Pengguna meminta bicara dengan petugas.\nKonteks: ${context}\nTulis balasan di topik ini; ketik /selesai bila obrolan sudah selesai.`,
  handoffEnded: (agent: string) =>
    `✅ Obrolan diakhiri oleh ${agent}. Bot kembali melayani pengguna.`,
  handoffAlreadyEnded: "Obrolan ini sudah diakhiri.",
  chatTopicTitle: (shortId: string, channel: string) => `Obrolan ${shortId} · ${channel}`,
  templatesHeader: "Pilih jawaban templat untuk dikirim ke pengguna:",
  templateSent: (title: string) => `📨 Templat "${title}" dikirim ke pengguna.`,
  newTicketDigest: (number: string, category: string, priority: string, team: string) =>
    `🆕 Tiket baru ${number} · ${category} · prioritas ${priority} · tim ${team}`,
  topicRecreated: (number: string) =>
    `♻️ Topik tiket ${number} dibuat ulang karena topik sebelumnya dihapus atau ditutup.`,
  auditHeader: (number: string) => `🧾 Jejak audit tiket ${number}:`,
  auditEmpty: (number: string) => `Belum ada catatan audit untuk tiket ${number}.`,
  blocked: (number: string) =>
    `⛔ Pengirim tiket ${number} diblokir; pesannya tidak diproses lagi.`,
  unblocked: (number: string) => `✅ Blokir pengirim tiket ${number} dicabut.`,
  agentAdded: (name: string, role: string) => `✅ ${name} terdaftar sebagai petugas ${role}.`,
  agentRemoved: (name: string) => `✅ ${name} dinonaktifkan sebagai petugas.`,
  agentNotFound: "Petugas tidak ditemukan.",
  agentsList: "👥 Petugas terdaftar:",
  agentsEmpty: "Belum ada petugas terdaftar.",
  deletionRequested: (shortId: string, tickets: number, otherContacts = 0) =>
    `🗑️ Permintaan hapus data pribadi (${shortId}) dari pengguna dengan ${tickets} tiket.${
      otherContacts > 0
        ? ` NIK yang sama juga dipakai oleh ${otherContacts} kontak lain (nomor/akun lain): data kontak itu ikut dihapus. Pastikan pemohon memang pemilik NIK tersebut.`
        : ""
    } Supervisor: setujui atau tolak.`,
  deletionDecided: (approved: boolean, agent: string) =>
    approved
      ? `✅ Penghapusan data disetujui oleh ${agent} dan sudah dijalankan.`
      : `❎ Permintaan hapus data ditolak oleh ${agent}.`,
  deletionAlreadyDecided: "Permintaan ini sudah diputuskan sebelumnya.",
  help: [
    "<b>Perintah petugas</b> (di topik tiket):",
    "/ambil — ambil tiket",
    "/proses — mulai memproses",
    "/teruskan &lt;TIM&gt; [catatan] — teruskan ke VERIFIKATOR, ADMIN, BIDANG atau ANALIS",
    "/minta &lt;yang dibutuhkan&gt; — minta dokumen/informasi dari pengguna",
    "/lanjut [catatan] — pengguna/LKPP sudah menjawab, lanjutkan penanganan",
    "/eskalasi &lt;nomor tiket LKPP&gt; [catatan] — eskalasi ke LKPP",
    "/selesai &lt;catatan penyelesaian&gt; — selesaikan (di topik obrolan: akhiri obrolan)",
    "/tolak &lt;alasan&gt; — tolak tiket",
    "/tutup [catatan] — tutup tiket",
    "/buka &lt;alasan&gt; — buka kembali tiket",
    "/ktp — lihat foto KTP (tercatat di audit)",
    "/templat — jawaban templat",
    "/catatan &lt;teks&gt; atau baris diawali // — catatan internal",
    "/kartu — tampilkan kartu tiket lagi",
    "/riwayat — riwayat tiket: perubahan status dan catatan internal",
    "",
    "<b>Di mana saja</b>:",
    "/audit &lt;nomor tiket&gt; — jejak audit",
    "/agen daftar | tambah &lt;id&gt; &lt;PERAN&gt; &lt;nama&gt; | hapus &lt;id&gt; — kelola petugas (supervisor)",
    "/blokir &lt;nomor tiket&gt; [alasan], /bukablokir &lt;nomor tiket&gt; — blokir pengirim (supervisor)",
    "",
    "Pesan biasa di topik tiket atau obrolan langsung diteruskan ke pengguna.",
    "Tombol di kartu tiket menjalankan langkah yang sama dengan perintahnya; pertanyaan bot (📎 Minta dokumen, ✅ Selesai, ⛔ Tolak) dijawab dengan memilih tombol atau membalas (reply) pesan bot.",
  ].join("\n"),
} as const;

/** Buttons on the ticket card and elsewhere in the group. */
export const DESK_BUTTONS = {
  claim: "🙋 Ambil",
  process: "⚙️ Proses",
  request: "📎 Minta dokumen",
  resolve: "✅ Selesai",
  reject: "⛔ Tolak",
  ktp: "🔒 Lihat KTP",
  templates: "💬 Templat",
  approve: "✅ Setujui",
  deny: "❎ Tolak",
} as const;
