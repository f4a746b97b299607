// The statuses are defined once, with the other ticket enums, in the domain.
import { TICKET_STATUSES, type TicketStatus } from "../domain/ticket/ticket.enums.ts";
import type { Localized } from "./language.ts";

export { TICKET_STATUSES, type TicketStatus };

export interface TicketStatusText {
  readonly label: Localized;
  readonly explanation: Localized;
}

export const TICKET_STATUS_TEXT: Readonly<Record<TicketStatus, TicketStatusText>> = {
  BARU: {
    label: { id: "Baru", en: "New" },
    explanation: {
      id: "Permohonan sudah kami terima dan menunggu pemeriksaan Helpdesk.",
      en: "We have received the request; it is waiting to be checked by the helpdesk.",
    },
  },
  DITERIMA: {
    label: { id: "Diterima", en: "Accepted" },
    explanation: {
      id: "Helpdesk telah menerima dan memeriksa permohonan.",
      en: "The helpdesk has received and checked the request.",
    },
  },
  DITERUSKAN: {
    label: { id: "Diteruskan", en: "Forwarded" },
    explanation: {
      id: "Permohonan telah diteruskan kepada bidang yang menangani.",
      en: "The request has been forwarded to the unit in charge.",
    },
  },
  DIPROSES: {
    label: { id: "Sedang diproses", en: "In progress" },
    explanation: {
      id: "Verifikator/Admin/Bidang sedang menganalisa dan menangani permohonan.",
      en: "The verifier, admin or unit in charge is analysing and handling the request.",
    },
  },
  ESKALASI_LKPP: {
    label: { id: "Ditangani IT LKPP", en: "Handled by LKPP IT" },
    explanation: {
      id: "Permasalahan sedang ditangani oleh IT LKPP.",
      en: "The problem is being handled by LKPP IT.",
    },
  },
  MENUNGGU_PENGGUNA: {
    label: { id: "Menunggu tanggapan Bapak/Ibu", en: "Waiting for your reply" },
    explanation: {
      id: "Petugas memerlukan informasi atau dokumen tambahan dari Bapak/Ibu. Mohon periksa pesan dari petugas.",
      en: "Our staff need more information or documents from you. Please check their messages.",
    },
  },
  SELESAI: {
    label: { id: "Selesai", en: "Resolved" },
    explanation: {
      id: "Permasalahan telah selesai ditangani.",
      en: "The problem has been resolved.",
    },
  },
  DITUTUP: {
    label: { id: "Ditutup", en: "Closed" },
    explanation: { id: "Tiket telah ditutup.", en: "The ticket has been closed." },
  },
  DITOLAK: {
    label: { id: "Tidak dapat diproses", en: "Could not be processed" },
    explanation: {
      id: "Permohonan tidak dapat diproses. Silakan hubungi Helpdesk untuk keterangan lebih lanjut.",
      en: "The request could not be processed. Please contact the helpdesk for details.",
    },
  },
  DIBATALKAN: {
    label: { id: "Dibatalkan", en: "Cancelled" },
    explanation: { id: "Permohonan telah dibatalkan.", en: "The request has been cancelled." },
  },
};
