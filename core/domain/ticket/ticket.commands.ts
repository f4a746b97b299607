// What an actor asks to do with a ticket. Each command carries exactly the
// data its transition needs, so a missing LKPP number or resolution note is a
// validation result rather than a crash further down.
import type { Team } from "./ticket.enums.ts";

export type TicketCommand =
  /** Helpdesk has checked the submission (BARU -> DITERIMA). */
  | { type: "ACCEPT"; note?: string }
  /** Hand the ticket to a team, or to another team when it was misrouted. */
  | { type: "FORWARD"; team: Team; note?: string }
  /** The team starts its analysis and handling. */
  | { type: "START_PROCESSING"; note?: string }
  /** Ask the user for documents or answers; `reason` says what is needed. */
  | { type: "REQUEST_USER_INFO"; reason: string }
  /** The user answered; the ticket returns to the stage it was waiting in. */
  | { type: "USER_RESPONDED"; note?: string }
  /** The problem needs LKPP; the LKPP helpdesk ticket number is mandatory. */
  | { type: "ESCALATE_LKPP"; lkppTicketNumber: string; note?: string }
  /** LKPP answered; the ticket returns to the stage it was escalated from. */
  | { type: "LKPP_RESPONDED"; note?: string }
  /** The problem is solved; the note is what the user is told. */
  | { type: "RESOLVE"; resolutionNote: string }
  /** Final close after resolution (user confirms, agent, or auto-close). */
  | { type: "CLOSE"; note?: string }
  /** The solution did not hold; back to handling within the reopen window. */
  | { type: "REOPEN"; reason: string }
  /** Refused by an agent (out of scope, duplicate, incomplete...). */
  | { type: "REJECT"; reason: string }
  /** Withdrawn by the user. */
  | { type: "CANCEL"; reason?: string };

export type CommandType = TicketCommand["type"];

export const COMMAND_TYPES = [
  "ACCEPT",
  "FORWARD",
  "START_PROCESSING",
  "REQUEST_USER_INFO",
  "USER_RESPONDED",
  "ESCALATE_LKPP",
  "LKPP_RESPONDED",
  "RESOLVE",
  "CLOSE",
  "REOPEN",
  "REJECT",
  "CANCEL",
] as const satisfies readonly CommandType[];

/** Verb phrases for messages: "tidak berwenang <id>" / "may not <en>". */
export const COMMAND_LABELS: Record<CommandType, { id: string; en: string }> = {
  ACCEPT: { id: "menerima tiket", en: "accept the ticket" },
  FORWARD: { id: "meneruskan tiket ke tim", en: "forward the ticket to a team" },
  START_PROCESSING: { id: "memproses tiket", en: "start processing the ticket" },
  REQUEST_USER_INFO: {
    id: "meminta dokumen/jawaban dari pengguna",
    en: "request documents or answers from the user",
  },
  USER_RESPONDED: { id: "mencatat jawaban pengguna", en: "record the user's answer" },
  ESCALATE_LKPP: { id: "mengeskalasi tiket ke LKPP", en: "escalate the ticket to LKPP" },
  LKPP_RESPONDED: { id: "mencatat tanggapan LKPP", en: "record LKPP's answer" },
  RESOLVE: { id: "menyelesaikan tiket", en: "resolve the ticket" },
  CLOSE: { id: "menutup tiket", en: "close the ticket" },
  REOPEN: { id: "membuka kembali tiket", en: "reopen the ticket" },
  REJECT: { id: "menolak tiket", en: "reject the ticket" },
  CANCEL: { id: "membatalkan tiket", en: "cancel the ticket" },
};
