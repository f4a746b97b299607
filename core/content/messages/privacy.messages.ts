import { type Localized, localized, perLanguage } from "../language.ts";
import { bold, bulletList, plain } from "../markup.ts";
import type { OptionText } from "./common.messages.ts";

/**
 * The user's data rights under UU 27/2022 (PDP): seeing what we hold
 * ("data saya") and asking for its erasure ("hapus data saya").
 */

export const MY_DATA_HEADER = localized(
  "Data pribadi Bapak/Ibu yang kami simpan (ditampilkan tersamar):",
  "The personal data we hold about you (shown masked):",
);

export const CHANNEL_NAMES: Readonly<
  Record<"WHATSAPP" | "TELEGRAM" | "CONSOLE" | "EMAIL", Localized>
> = {
  WHATSAPP: localized("WhatsApp", "WhatsApp"),
  EMAIL: localized("E-mail", "E-mail"),
  TELEGRAM: localized("Telegram", "Telegram"),
  CONSOLE: localized("Konsol uji", "Test console"),
};

export function myDataContact(
  channel: Localized,
  languageName: Localized,
  phoneMasked: string | null,
): Localized {
  return perLanguage((language) =>
    language === "id"
      ? [
          bold("Kontak"),
          bulletList([
            `Kanal: ${channel.id}`,
            `Bahasa: ${languageName.id}`,
            `Nomor telepon: ${phoneMasked ?? "tidak disimpan"}`,
          ]),
        ].join("\n")
      : [
          bold("Contact"),
          bulletList([
            `Channel: ${channel.en}`,
            `Language: ${languageName.en}`,
            `Phone number: ${phoneMasked ?? "not stored"}`,
          ]),
        ].join("\n"),
  );
}

export const LANGUAGE_NAMES: Readonly<Record<"id" | "en", Localized>> = {
  id: localized("Bahasa Indonesia", "Indonesian"),
  en: localized("Bahasa Inggris", "English"),
};

export const NO_TICKETS = localized(
  `${bold("Tiket")}: belum ada tiket atas nama kontak ini.`,
  `${bold("Tickets")}: no tickets from this contact yet.`,
);

export interface MyDataTicketLines {
  readonly number: string;
  readonly category: Localized;
  readonly status: Localized;
  /** Dates as users read them (core/content/dates.content.ts). */
  readonly created: Localized;
  readonly closed: Localized | null;
  readonly name: string | null;
  readonly nikMasked: string | null;
  readonly emailMasked: string | null;
  readonly organisation: string | null;
  readonly anonymised: boolean;
  /** One line per document: its kind, when it came, whether its file was erased. */
  readonly documents: readonly { kind: Localized; created: Localized; purged: boolean }[];
}

export function myDataTicket(ticket: MyDataTicketLines): Localized {
  return perLanguage((language) => {
    const id = language === "id";
    const items = [
      `Status: ${ticket.status[language]}`,
      `${id ? "Diajukan" : "Filed"}: ${ticket.created[language]}`,
      ...(ticket.closed === null
        ? []
        : [`${id ? "Ditutup" : "Closed"}: ${ticket.closed[language]}`]),
    ];
    if (ticket.anonymised) {
      items.push(
        id
          ? "Data pribadi tiket ini sudah dihapus sesuai jadwal retensi."
          : "The personal data of this ticket has already been erased under the retention schedule.",
      );
    } else {
      const none = "-";
      items.push(
        `${id ? "Nama" : "Name"}: ${plain(ticket.name ?? none)}`,
        `NIK: ${ticket.nikMasked ?? none}`,
        `E-mail: ${ticket.emailMasked ?? none}`,
        `${id ? "Instansi/perusahaan" : "Organisation"}: ${plain(ticket.organisation ?? none)}`,
      );
    }
    if (ticket.documents.length === 0) {
      items.push(id ? "Dokumen: tidak ada" : "Documents: none");
    } else {
      const docs = ticket.documents.map((doc) => {
        const purged = doc.purged ? (id ? " (file sudah dihapus)" : " (file erased)") : "";
        return `\n   ◦ ${doc.kind[language]}, ${doc.created[language]}${purged}`;
      });
      items.push(`${id ? "Dokumen:" : "Documents:"}${docs.join("")}`);
    }
    return [`${bold(ticket.number)} (${ticket.category[language]})`, bulletList(items)].join("\n");
  });
}

export function moreTickets(count: number): Localized {
  return localized(
    `… dan ${count} tiket lain yang lebih lama.`,
    `… and ${count} older ticket${count === 1 ? "" : "s"}.`,
  );
}

export function linkedTicketsNote(count: number): Localized {
  return localized(
    `NIK Bapak/Ibu juga tercatat pada ${count} tiket yang diajukan melalui nomor atau akun lain. Rinciannya tidak kami tampilkan di sini; permintaan "hapus data saya" juga mencakup tiket tersebut.`,
    `Your NIK also appears on ${count} ticket${count === 1 ? "" : "s"} filed from another number or account. We do not show them here; a "delete my data" request covers them too.`,
  );
}

export function myDataComplaints(count: number): Localized {
  return localized(
    `${bold("Pengaduan layanan")}: ${count}`,
    `${bold("Service complaints")}: ${count}`,
  );
}

export function deletionPendingNote(since: Localized): Localized {
  return localized(
    `${bold("Permintaan penghapusan data")}: menunggu persetujuan sejak ${since.id}.`,
    `${bold("Data erasure request")}: awaiting approval since ${since.en}.`,
  );
}

export function myDataFooter(attachmentDays: number, personalDays: number): Localized {
  return localized(
    [
      `${bold("Siapa yang dapat melihat")}: hanya petugas Helpdesk LPSE Kabupaten Landak yang menangani tiket Bapak/Ibu (dan LKPP bila tiket dieskalasi). Setiap akses ke KTP tercatat.`,
      `${bold("Berapa lama disimpan")}: dokumen (KTP, surat kuasa, screenshot) ${attachmentDays} hari dan data pribadi ${personalDays} hari setelah tiket ditutup; statistik layanan tanpa identitas disimpan seterusnya.`,
      'Ketik "hapus data saya" untuk meminta penghapusan data.',
    ].join("\n"),
    [
      `${bold("Who can see it")}: only the LPSE Kabupaten Landak helpdesk staff handling your tickets (and LKPP when a ticket is escalated). Every view of an ID card is logged.`,
      `${bold("How long it is kept")}: documents (ID card, power of attorney, screenshots) ${attachmentDays} days and personal data ${personalDays} days after a ticket is closed; service statistics without identity are kept.`,
      'Type "delete my data" to ask for your data to be erased.',
    ].join("\n"),
  );
}

export const DOCUMENT_KIND_NAMES: Readonly<Record<string, Localized>> = {
  KTP: localized("KTP", "ID card (KTP)"),
  SURAT_KUASA: localized("Surat kuasa", "Power of attorney"),
  REQUEST_LETTER: localized("Surat permohonan", "Request letter"),
  SCREENSHOT: localized("Screenshot", "Screenshot"),
  OTHER: localized("Dokumen lain", "Other document"),
  REQUEST_FORM: localized("Formulir permohonan", "Request form"),
  DISRUPTION_LETTER: localized("Surat Keterangan Gangguan", "Disruption letter"),
  RELAY: localized("File yang dikirim ke petugas", "File sent to staff"),
};

export function deleteConfirm(openTicketNumber: string | null): Localized {
  return perLanguage((language) => {
    const id = language === "id";
    const parts = [
      id
        ? "Bapak/Ibu meminta penghapusan data pribadi. Yang akan dihapus: nama, NIK, nomor telepon, e-mail, instansi, uraian permohonan, semua dokumen (KTP, surat kuasa, screenshot), isi pengaduan, dan riwayat percakapan dengan bot. Statistik layanan tanpa identitas (jumlah tiket, kategori, waktu penyelesaian) tetap disimpan."
        : "You are asking us to erase your personal data. What will be erased: name, NIK, phone number, e-mail, organisation, request descriptions, all documents (ID card, power of attorney, screenshots), complaint texts, and the chat history with the bot. Service statistics without identity (number of tickets, categories, handling times) are kept.",
      id
        ? "Permintaan ini akan diperiksa dan disetujui oleh supervisor Helpdesk."
        : "A helpdesk supervisor will review and approve the request.",
    ];
    if (openTicketNumber !== null) {
      parts.push(
        id
          ? `Perhatian: tiket ${openTicketNumber} masih diproses. Setelah data dihapus, tiket tersebut tidak dapat ditangani lagi.`
          : `Please note: ticket ${openTicketNumber} is still being handled. Once the data is erased, that ticket can no longer be handled.`,
      );
    }
    parts.push(id ? "Lanjutkan permintaan penghapusan?" : "Go ahead with the erasure request?");
    return parts.join("\n\n");
  });
}

export const DELETE_OPTIONS = {
  confirm: {
    label: localized("Ya, hapus data saya", "Yes, erase my data"),
    aliases: ["ya", "iya", "y", "hapus", "setuju", "yes", "erase", "delete", "confirm"],
  },
  cancel: {
    label: localized("Tidak jadi", "No, keep it"),
    aliases: ["tidak", "tdk", "gak", "nggak", "jangan", "no", "keep"],
  },
} as const satisfies Record<string, OptionText>;

export const DELETE_KEPT = localized(
  "Baik, data Bapak/Ibu tidak dihapus.",
  "All right, your data stays as it is.",
);

export function deletionRequested(openTicketNumber: string | null): Localized {
  return perLanguage((language) => {
    const id = language === "id";
    const parts = [
      id
        ? "Permintaan penghapusan data telah kami catat dan menunggu persetujuan supervisor Helpdesk. Bapak/Ibu akan kami kabari hasilnya di percakapan ini."
        : "Your erasure request has been recorded and awaits a helpdesk supervisor's approval. We will tell you the outcome in this chat.",
    ];
    if (openTicketNumber !== null) {
      parts.push(
        id
          ? `Ingat: tiket ${openTicketNumber} masih diproses dan tidak dapat ditangani lagi setelah data dihapus. Ketik "petugas" bila ingin membicarakannya lebih dulu.`
          : `Remember: ticket ${openTicketNumber} is still being handled and cannot be once the data is erased. Type "agent" if you would like to talk about it first.`,
      );
    }
    return parts.join("\n\n");
  });
}

export const DELETION_ALREADY_PENDING = localized(
  "Permintaan penghapusan data Bapak/Ibu sebelumnya masih menunggu persetujuan supervisor. Kami akan mengabari hasilnya di percakapan ini.",
  "Your earlier erasure request is still waiting for a supervisor's approval. We will tell you the outcome in this chat.",
);

/** Sent after the purge; counts give the user a sense of what went. */
export function deletionCompleted(counts: { tickets: number; documents: number }): Localized {
  return localized(
    `Data pribadi Bapak/Ibu telah dihapus: data pada ${counts.tickets} tiket dan ${counts.documents} dokumen, beserta riwayat percakapan dengan bot. Statistik layanan tanpa identitas tetap disimpan. Terima kasih telah menggunakan layanan Helpdesk LPSE Kabupaten Landak.`,
    `Your personal data has been erased: the data of ${counts.tickets} ticket${counts.tickets === 1 ? "" : "s"} and ${counts.documents} document${counts.documents === 1 ? "" : "s"}, with the chat history with the bot. Service statistics without identity are kept. Thank you for using the LPSE Kabupaten Landak helpdesk.`,
  );
}

export function deletionRejected(reason: string | null): Localized {
  return localized(
    `Permintaan penghapusan data Bapak/Ibu belum dapat kami setujui${reason ? ` dengan alasan: ${reason}.` : "."} Bila ada pertanyaan, ketik "petugas".`,
    `We cannot approve your erasure request${reason ? ` for this reason: ${reason}.` : "."} If you have questions, type "agent".`,
  );
}
