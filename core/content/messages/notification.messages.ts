import { type Localized, localized } from "../language.ts";
import { TICKET_STATUS_TEXT, type TicketStatus } from "../ticket-status.content.ts";

/** What the user should expect or do next, per status. */
const NEXT_STEP: Readonly<Record<TicketStatus, Localized>> = {
  BARU: localized(
    "Helpdesk akan memeriksa permohonan dalam 15 menit kerja.",
    "The helpdesk will check the request within 15 working minutes.",
  ),
  DITERIMA: localized(
    "Permohonan akan diteruskan kepada bidang yang menangani.",
    "The request will be forwarded to the unit in charge.",
  ),
  DITERUSKAN: localized(
    "Bidang yang menangani akan menganalisa permohonan dalam 15 menit kerja.",
    "The unit in charge will analyse the request within 15 working minutes.",
  ),
  DIPROSES: localized(
    "Kami akan mengabarkan hasilnya kepada Bapak/Ibu.",
    "We will let you know the outcome.",
  ),
  ESKALASI_LKPP: localized(
    "Kami akan mengabarkan tanggapan IT LKPP kepada Bapak/Ibu. Bila terbukti ada gangguan, Surat Keterangan Gangguan LPSE dapat diterbitkan.",
    "We will pass on LKPP IT's answer. If a disruption is confirmed, a Surat Keterangan Gangguan LPSE can be issued.",
  ),
  MENUNGGU_PENGGUNA: localized(
    "Mohon balas pesan ini dengan informasi atau dokumen yang diminta. Waktu layanan berhenti sementara sampai kami menerimanya.",
    "Please reply to this message with the information or documents requested. The service clock stops until we receive them.",
  ),
  SELESAI: localized(
    "Bila masalah belum teratasi, balas pesan ini dalam 3 hari agar tiket dibuka kembali.",
    "If the problem is not solved, reply within 3 days and the ticket will be reopened.",
  ),
  DITUTUP: localized(
    "Terima kasih telah menggunakan layanan kami.",
    "Thank you for using our service.",
  ),
  DITOLAK: localized(
    'Bila ada pertanyaan, ketik "petugas" untuk berbicara dengan petugas.',
    'If you have questions, type "agent" to talk to our staff.',
  ),
  DIBATALKAN: localized(
    'Bila masih memerlukan bantuan, ketik "menu" untuk mengajukan permohonan baru.',
    'If you still need help, type "menu" to file a new request.',
  ),
};

const PRIORITY_LABEL: Readonly<Record<string, Localized>> = {
  RENDAH: localized("rendah", "low"),
  NORMAL: localized("normal", "normal"),
  TINGGI: localized("tinggi", "high"),
  MENDESAK: localized("mendesak", "urgent"),
};

/**
 * One message per status change: the ticket number, the new status in plain
 * words, what happens next and what, if anything, the user must do.
 */
export function statusChangedNotification(input: {
  ticketNumber: string;
  status: TicketStatus;
  /** Why (a rejection reason, the documents requested, the resolution note). */
  reason?: string | null;
  lkppTicketNumber?: string | null;
}): Localized {
  const text = TICKET_STATUS_TEXT[input.status];
  const reasonLabel =
    input.status === "MENUNGGU_PENGGUNA"
      ? localized("Yang kami perlukan", "What we need")
      : input.status === "SELESAI"
        ? localized("Penyelesaian", "Resolution")
        : localized("Keterangan", "Note");
  const lines = (language: "id" | "en") =>
    [
      language === "id"
        ? `Pembaruan tiket ${input.ticketNumber}: ${text.label.id}`
        : `Update on ticket ${input.ticketNumber}: ${text.label.en}`,
      text.explanation[language],
      ...(input.reason ? [`${reasonLabel[language]}: ${input.reason}`] : []),
      ...(input.lkppTicketNumber
        ? [
            language === "id"
              ? `Nomor tiket LKPP: ${input.lkppTicketNumber}`
              : `LKPP ticket number: ${input.lkppTicketNumber}`,
          ]
        : []),
      NEXT_STEP[input.status][language],
    ].join("\n");
  return { id: lines("id"), en: lines("en") };
}

/** Sent once routing has put the ticket in a team's queue. */
export function routedNotification(input: { ticketNumber: string; priority: string }): Localized {
  const priority = PRIORITY_LABEL[input.priority] ?? localized(input.priority, input.priority);
  return localized(
    `Tiket ${input.ticketNumber} sudah masuk antrean Helpdesk dengan prioritas ${priority.id}. ${NEXT_STEP.BARU.id}`,
    `Ticket ${input.ticketNumber} is in the helpdesk queue with ${priority.en} priority. ${NEXT_STEP.BARU.en}`,
  );
}
