// Refusals of a ticket step. Agents read these in the agents group, so the
// message is Indonesian first, with English beside it for logs and developers.
import { agentRoleLabel, deskCommandList, teamLabel } from "../../content/desk-labels.content.ts";
import { TICKET_STATUS_TEXT } from "../../content/ticket-status.content.ts";
import type { Actor } from "./ticket.actor.ts";
import { actorLabel } from "./ticket.actor.ts";
import type { CommandType } from "./ticket.commands.ts";
import { COMMAND_LABELS } from "./ticket.commands.ts";
import type { AgentRole, Team, TicketStatus } from "./ticket.enums.ts";

export type TransitionErrorCode =
  /** No row in the table for this status and command. */
  | "INVALID_TRANSITION"
  /** The row exists but this actor (kind, role, or not the ticket owner) may not take it. */
  | "FORBIDDEN_ACTOR"
  /** REQUEST_USER_INFO, REOPEN and REJECT need a reason. */
  | "MISSING_REASON"
  | "MISSING_RESOLUTION_NOTE"
  | "MISSING_LKPP_TICKET_NUMBER"
  /** FORWARD to a team that is not a forward target, or to the current team. */
  | "INVALID_TEAM"
  | "REOPEN_WINDOW_EXPIRED"
  /** SYSTEM tried to close a SELESAI ticket while it may still be reopened. */
  | "AUTO_CLOSE_TOO_EARLY"
  /** Stored data contradicts the status (no resolvedAt, no status to resume). */
  | "INCONSISTENT_TICKET";

export interface TransitionError {
  code: TransitionErrorCode;
  /** Bahasa Indonesia, shown to the agent. */
  message: string;
  messageEn: string;
}

const statusId = (status: TicketStatus) => TICKET_STATUS_TEXT[status].label.id;

const err = (code: TransitionErrorCode, message: string, messageEn: string): TransitionError => ({
  code,
  message,
  messageEn,
});

export function invalidTransition(
  status: TicketStatus,
  command: CommandType,
  possible: readonly CommandType[],
): TransitionError {
  const label = COMMAND_LABELS[command];
  // Agents read the commands they can type next, not the step codes.
  const idList = deskCommandList(possible);
  const enList = possible.length > 0 ? possible.join(", ") : "none";
  return err(
    "INVALID_TRANSITION",
    `Tidak dapat ${label.id}: tiket berstatus ${statusId(status)}. Perintah yang dapat dipakai: ${idList}.`,
    `Cannot ${label.en}: the ticket is ${status}. Possible steps: ${enList}.`,
  );
}

export function forbiddenActor(
  actor: Actor,
  command: CommandType,
  status: TicketStatus,
  allowed: { user: boolean; system: boolean; roles: readonly AgentRole[] },
): TransitionError {
  const who = actorLabel(actor);
  const label = COMMAND_LABELS[command];
  const names = [
    ...(allowed.user ? ["pengguna"] : []),
    ...(allowed.system ? ["sistem"] : []),
    ...allowed.roles.map((role) => `petugas ${agentRoleLabel(role)}`),
  ];
  const namesEn = [
    ...(allowed.user ? ["the user"] : []),
    ...(allowed.system ? ["the system"] : []),
    ...allowed.roles.map((role) => `${role} agents`),
  ];
  return err(
    "FORBIDDEN_ACTOR",
    `${who.id} tidak berwenang ${label.id} saat tiket berstatus ${statusId(status)}. Yang berwenang: ${names.join(", ")}.`,
    `${who.en} may not ${label.en} while it is ${status}. Allowed: ${namesEn.join(", ")}.`,
  );
}

export function notOwner(command: CommandType): TransitionError {
  const label = COMMAND_LABELS[command];
  return err(
    "FORBIDDEN_ACTOR",
    `Hanya pemilik tiket yang dapat ${label.id}.`,
    `Only the ticket's owner may ${label.en}.`,
  );
}

export function missingReason(command: CommandType): TransitionError {
  const label = COMMAND_LABELS[command];
  return err(
    "MISSING_REASON",
    `Alasan wajib diisi untuk ${label.id}.`,
    `A reason is required to ${label.en}.`,
  );
}

export function missingResolutionNote(): TransitionError {
  return err(
    "MISSING_RESOLUTION_NOTE",
    "Catatan penyelesaian wajib diisi sebelum tiket dinyatakan SELESAI.",
    "A resolution note is required before the ticket can be marked SELESAI.",
  );
}

export function missingLkppTicketNumber(): TransitionError {
  return err(
    "MISSING_LKPP_TICKET_NUMBER",
    "Nomor tiket LKPP wajib diisi untuk eskalasi ke LKPP.",
    "The LKPP ticket number is required to escalate to LKPP.",
  );
}

export function invalidTeam(
  team: Team,
  allowed: readonly Team[],
  current: Team | null,
): TransitionError {
  if (team === current) {
    return err(
      "INVALID_TEAM",
      `Tiket sudah berada di tim ${teamLabel(team)}; pilih tim lain.`,
      `The ticket is already with team ${team}; choose another team.`,
    );
  }
  return err(
    "INVALID_TEAM",
    `Tiket tidak dapat diteruskan ke tim ${teamLabel(team)}. Tim tujuan: ${allowed.map(teamLabel).join(", ")}.`,
    `The ticket cannot be forwarded to team ${team}. Target teams: ${allowed.join(", ")}.`,
  );
}

export function reopenWindowExpired(windowMinutes: number): TransitionError {
  const hours = Math.round((windowMinutes / 60) * 10) / 10;
  return err(
    "REOPEN_WINDOW_EXPIRED",
    `Tiket hanya dapat dibuka kembali dalam ${hours} jam setelah diselesaikan; silakan buat tiket baru.`,
    `A ticket can only be reopened within ${hours} hours of resolution; please open a new ticket.`,
  );
}

export function autoCloseTooEarly(closableFrom: Date): TransitionError {
  const when = closableFrom.toISOString();
  return err(
    "AUTO_CLOSE_TOO_EARLY",
    `Tiket masih dapat dibuka kembali oleh pengguna; penutupan otomatis baru boleh mulai ${when}.`,
    `The user may still reopen the ticket; auto-close is allowed from ${when}.`,
  );
}

export function inconsistentTicket(detailId: string, detailEn: string): TransitionError {
  return err(
    "INCONSISTENT_TICKET",
    `Data tiket tidak konsisten: ${detailId}.`,
    `Inconsistent ticket data: ${detailEn}.`,
  );
}

export function missingResolvedAt(): TransitionError {
  return inconsistentTicket(
    "tiket SELESAI tanpa waktu penyelesaian (resolvedAt)",
    "a SELESAI ticket without resolvedAt",
  );
}
