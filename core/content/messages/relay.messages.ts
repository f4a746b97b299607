import { type Localized, localized } from "../language.ts";
import { bold } from "../markup.ts";

/** What the user hears when a message of theirs goes to the agents of an open ticket. */
export function relayedToTicket(ticketNumber: string): Localized {
  return localized(
    `Pesan Bapak/Ibu sudah kami teruskan ke petugas untuk tiket ${ticketNumber}. Ketik ${bold("menu")} untuk menu utama.`,
    `We have passed your message on to the staff handling ticket ${ticketNumber}. Type ${bold("menu")} for the main menu.`,
  );
}

/** A file while the ticket waits for the user's documents (an agent asked with /minta). */
export function documentAttached(ticketNumber: string): Localized {
  return localized(
    `Dokumen Bapak/Ibu sudah kami terima dan lampirkan pada tiket ${ticketNumber}. Petugas akan memeriksanya. Ketik ${bold("menu")} untuk menu utama.`,
    `We have received your document and attached it to ticket ${ticketNumber}. Our staff will look at it. Type ${bold("menu")} for the main menu.`,
  );
}

/** Shown to agents in place of what could not be forwarded (agent-facing, Indonesian). */
export function unsupportedRelayNote(mediaKind: string): string {
  const names: Record<string, string> = {
    sticker: "stiker",
    voice: "pesan suara",
    audio: "audio",
    video: "video",
    location: "lokasi",
    viewOnce: "foto sekali lihat",
  };
  return `(Pengguna mengirim ${names[mediaKind] ?? "file"} yang tidak dapat diteruskan.)`;
}
