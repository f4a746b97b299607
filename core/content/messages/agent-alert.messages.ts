// Alerts for the helpdesk staff in their Telegram group. Agents read Bahasa
// Indonesia; these are not shown to citizens.
import { DEFAULT_CATEGORIES } from "../categories.content.ts";
import { priorityLabel, teamLabel } from "../desk-labels.content.ts";

const categoryName = (id: string) => DEFAULT_CATEGORIES.find((c) => c.id === id)?.label.id ?? id;

const STAGE_LABEL: Record<string, string> = {
  HELPDESK: "pemeriksaan Helpdesk",
  TEAM: "penanganan bidang",
  LKPP: "IT LKPP",
};

function wib(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())} WIB`;
}

export function slaAlertText(input: {
  kind: "reminder" | "breach";
  ticketNumber: string;
  stage: string | null;
  dueAt: Date | null;
  category: string;
  priority: string;
  team: string | null;
}): string {
  const head =
    input.kind === "reminder"
      ? `⏰ Pengingat waktu layanan: tiket ${input.ticketNumber} sudah memakai 80% waktu tahap ${STAGE_LABEL[input.stage ?? ""] ?? input.stage ?? "-"}.`
      : `🚨 Waktu layanan terlampaui: tiket ${input.ticketNumber}, tahap ${STAGE_LABEL[input.stage ?? ""] ?? input.stage ?? "-"}.`;
  return [
    head,
    `Batas waktu: ${input.dueAt ? wib(input.dueAt) : "-"}`,
    `Kategori: ${categoryName(input.category)} · Prioritas: ${priorityLabel(input.priority)} · Tim: ${teamLabel(input.team)}`,
  ].join("\n");
}

export function complaintAlertText(input: {
  number: string;
  channel: string;
  text: string;
  at: Date;
  dueAt: Date | null;
}): string {
  const excerpt = input.text.length > 1000 ? `${input.text.slice(0, 1000)}…` : input.text;
  return [
    `📣 Pengaduan layanan baru ${input.number} untuk Analis Pelayanan (${input.channel}, ${wib(input.at)}):`,
    `"${excerpt}"`,
    ...(input.dueAt === null ? [] : [`Tanggapan paling lambat: ${wib(input.dueAt)}.`]),
    `Jawab: /tanggapi ${input.number} <tanggapan> (masih ditindaklanjuti) atau /aduanselesai ${input.number} <hasil> (selesai).`,
  ].join("\n");
}

export function deadLetterAlertText(input: {
  queue: string;
  jobId: string;
  name: string;
  error: string;
}): string {
  return [
    `⚠️ Sebuah job gagal permanen dan dipindahkan ke tabel dead_letters.`,
    `Antrean: ${input.queue} · Job: ${input.name} (${input.jobId})`,
    `Galat: ${input.error.slice(0, 500)}`,
    "Periksa /admin/queues dan log.",
  ].join("\n");
}

export function handoffAlertText(input: {
  channel: string;
  displayName: string | null;
  context: string;
  at: Date;
}): string {
  return [
    `🙋 Pengguna meminta bicara dengan petugas (${input.channel}${input.displayName ? `, ${input.displayName}` : ""}, ${wib(input.at)}).`,
    `Posisi percakapan: ${input.context}`,
  ].join("\n");
}

export function whatsappStateAlertText(input: {
  state: "logged-out" | "replaced" | "reconnecting" | "banned" | "bad-session";
  failures?: number;
  at: Date;
}): string {
  switch (input.state) {
    case "logged-out":
      return [
        `📵 Sesi WhatsApp terputus (logged out) — admin perlu menautkan ulang nomor helpdesk (${wib(input.at)}).`,
        "Mulai ulang layanan bot, lalu pindai QR di /admin/whatsapp/qr (atau masukkan kode penautan dari log) lewat WhatsApp di HP kantor: Perangkat tertaut → Tautkan perangkat.",
        "Sampai nomor ditautkan ulang, pesan WhatsApp tidak dijawab bot.",
      ].join("\n");
    case "replaced":
      return [
        `⚠️ Sesi WhatsApp diambil alih oleh koneksi lain (${wib(input.at)}); bot berhenti memakai nomor helpdesk agar tidak saling berebut.`,
        "Periksa apakah ada instalasi bot lain yang memakai sesi yang sama, lalu mulai ulang layanan bot.",
      ].join("\n");
    case "banned":
      return [
        `⛔ WhatsApp menolak nomor helpdesk (403: diblokir atau dibatasi) (${wib(input.at)}). Bot berhenti menyambung ulang.`,
        "Buka WhatsApp di HP kantor untuk melihat pemberitahuan dari WhatsApp dan ajukan peninjauan bila perlu. Setelah nomor dapat dipakai lagi, mulai ulang layanan bot.",
        "Sampai saat itu pesan WhatsApp tidak dijawab bot; arahkan pengguna ke Telegram atau kanal pengaduan lain.",
      ].join("\n");
    case "bad-session":
      return [
        `🧩 Sesi WhatsApp rusak (500) dan tidak pulih setelah ${input.failures ?? 0} kali dicoba (${wib(input.at)}); sesi sudah dihapus.`,
        "Mulai ulang layanan bot, lalu tautkan ulang nomor helpdesk: pindai QR di /admin/whatsapp/qr (atau masukkan kode penautan) lewat HP kantor: Perangkat tertaut → Tautkan perangkat.",
      ].join("\n");
    case "reconnecting":
      return [
        `🔌 WhatsApp belum tersambung: ${input.failures ?? 0} kali gagal berturut-turut (${wib(input.at)}). Bot terus mencoba menyambung ulang.`,
        "Pesan keluar menunggu di antrean. Periksa koneksi internet server dan /readyz.",
      ].join("\n");
  }
}
