// The hand-off to a person ("petugas"): what the user is told when asking,
// while waiting, when no one answered in time, and when there is no one to
// hand off to (no agents group): then the office's own contacts.
import { type Localized, localized, perLanguage } from "../language.ts";
import { bold, bulletList } from "../markup.ts";
import { OFFICE } from "../service-standard.content.ts";
import type { OptionText } from "./common.messages.ts";

/** When a person can be expected, already worded for users (dates.content.ts). */
export interface AnswerWhen {
  /** The office is open now. */
  readonly openNow: boolean;
  /** The next opening, when closed. */
  readonly opensAt: Localized;
  /** The end of the service time ("09.45 WIB", or a day and time when not today). */
  readonly answerBy: Localized;
  /** The service time has passed already. */
  readonly late: boolean;
  /** Working minutes of the service time (the helpdesk stage's). */
  readonly minutes: number;
}

function expectation(when: AnswerWhen, openingHours: Localized): Localized {
  if (!when.openNow) {
    return localized(
      `Saat ini di luar jam layanan (${openingHours.id}). Petugas akan membalas mulai ${when.opensAt.id}.`,
      `We are outside service hours now (${openingHours.en}). A staff member will answer from ${when.opensAt.en}.`,
    );
  }
  if (when.late) {
    return localized(
      "Petugas akan membalas secepatnya.",
      "A staff member will answer as soon as possible.",
    );
  }
  return localized(
    `Petugas akan membalas dalam ${when.minutes} menit kerja, paling lambat ${when.answerBy.id}.`,
    `A staff member will answer within ${when.minutes} working minutes, by ${when.answerBy.en} at the latest.`,
  );
}

const HOW_TO_LEAVE = localized(
  `Ketik ${bold("menu")} bila ingin kembali ke menu bot.`,
  `Type ${bold("menu")} to go back to the bot's menu.`,
);

export function handoffStarted(when: AnswerWhen, openingHours: Localized): Localized {
  const wait = expectation(when, openingHours);
  return localized(
    [
      "Baik, permintaan Bapak/Ibu untuk berbicara dengan petugas Helpdesk telah kami teruskan.",
      wait.id,
      "Silakan tuliskan pertanyaan Bapak/Ibu di sini; semua pesan kami teruskan kepada petugas.",
      HOW_TO_LEAVE.id,
    ].join(" "),
    [
      "All right, we have passed your request to talk to a helpdesk staff member on.",
      wait.en,
      "Please write your question here; we pass every message on to them.",
      HOW_TO_LEAVE.en,
    ].join(" "),
  );
}

/** The short answer to a message while waiting: it arrived, and who answers when. */
export function handoffReceipt(when: AnswerWhen, openingHours: Localized): Localized {
  const wait = expectation(when, openingHours);
  return localized(
    `Pesan Bapak/Ibu sudah kami teruskan kepada petugas. ${wait.id} ${HOW_TO_LEAVE.id}`,
    `Your message has been passed on to our staff. ${wait.en} ${HOW_TO_LEAVE.en}`,
  );
}

export const HANDOFF_STILL_WAITING = localized(
  `Bapak/Ibu masih terhubung dengan petugas Helpdesk; pesan berikutnya kami teruskan kepada petugas. ${HOW_TO_LEAVE.id}`,
  `You are still connected to the helpdesk staff; your next messages go to them. ${HOW_TO_LEAVE.en}`,
);

export const HANDOFF_LEFT = localized(
  "Baik, percakapan dengan petugas kami akhiri. Petugas telah kami beri tahu.",
  "All right, we have ended the conversation with our staff and told them so.",
);

/** Typed while waiting for an agent, these end the wait (besides "menu" and "batal"). */
export const HANDOFF_LEAVE_WORDS: readonly string[] = [
  "selesai",
  "sudah selesai",
  "akhiri",
  "akhiri sesi",
  "keluar",
  "done",
  "finish",
  "end",
  "end chat",
  "quit",
];

export function handoffOverdue(minutes: number): Localized {
  return localized(
    `Mohon maaf, belum ada petugas yang membalas dalam waktu layanan (${minutes} menit kerja). Agar permasalahan Bapak/Ibu tercatat dan ditangani sesuai Standar Pelayanan, Bapak/Ibu dapat mengajukan permohonan penanganan masalah (tiket). Atau tetap menunggu petugas di sini.`,
    `We are sorry: no staff member has answered within the service time (${minutes} working minutes). To have your problem recorded and handled under our service standard, you can file a problem-handling request (a ticket) instead. Or keep waiting for our staff here.`,
  );
}

export const HANDOFF_OFFER_OPTIONS = {
  ticket: {
    label: localized("Ajukan permohonan (tiket)", "File a request (ticket)"),
    aliases: ["ajukan", "permohonan", "tiket", "ticket", "file a request", "request"],
  },
  wait: {
    label: localized("Tetap menunggu petugas", "Keep waiting for staff"),
    aliases: ["tunggu", "menunggu", "tetap menunggu", "wait", "keep waiting"],
  },
} as const satisfies Record<string, OptionText>;

export const HANDOFF_KEEP_WAITING = localized(
  "Baik, Bapak/Ibu tetap terhubung dengan petugas. Pesan berikutnya kami teruskan.",
  "All right, you stay connected to our staff. We pass your next messages on.",
);

/** The office's own contacts: where there is no agent to hand the chat to. */
export function officeContacts(officeEmail: string, openingHours: Localized): Localized {
  return perLanguage((language) =>
    bulletList(
      language === "id"
        ? [
            `Telepon/WhatsApp Helpdesk: ${OFFICE.phone}`,
            `E-mail: ${officeEmail}`,
            `Datang langsung: ${OFFICE.name.id}, ${OFFICE.address}`,
            `Jam layanan: ${openingHours.id}`,
          ]
        : [
            `Helpdesk phone/WhatsApp: ${OFFICE.phone}`,
            `E-mail: ${officeEmail}`,
            `In person: ${OFFICE.name.en}, ${OFFICE.address}`,
            `Service hours: ${openingHours.en}`,
          ],
    ),
  );
}

export function noAgentHere(officeEmail: string, openingHours: Localized): Localized {
  const contacts = officeContacts(officeEmail, openingHours);
  return localized(
    `Mohon maaf, percakapan langsung dengan petugas belum tersedia melalui chat ini. Petugas Helpdesk dapat Bapak/Ibu hubungi melalui:\n${contacts.id}`,
    `We are sorry: talking to a staff member is not available in this chat. You can reach the helpdesk staff through:\n${contacts.en}`,
  );
}

/** After repeated failed answers, where no agent can take the chat. */
export function humanOfferNoDesk(officeEmail: string, openingHours: Localized): Localized {
  const contacts = officeContacts(officeEmail, openingHours);
  return localized(
    `Sepertinya Bapak/Ibu mengalami kesulitan pada langkah ini. Bila perlu bantuan, petugas Helpdesk dapat dihubungi melalui:\n${contacts.id}`,
    `It looks like this step is giving you trouble. If you need help, the helpdesk staff can be reached through:\n${contacts.en}`,
  );
}

/** Posted in the agents' topic when the user leaves the wait (agent-facing, Indonesian). */
export function deskHandoffLeft(how: "menu" | "cancel" | "done" | "ticket"): string {
  const why: Record<typeof how, string> = {
    menu: 'mengetik "menu"',
    cancel: 'mengetik "batal"',
    done: "mengakhiri percakapan",
    ticket: "memilih mengajukan tiket karena belum ada petugas yang membalas",
  };
  return `Pengguna keluar dari obrolan dengan petugas (${why[how]}). Bot kembali melayani pengguna; balasan di topik ini tetap sampai kepada pengguna.`;
}
