// Shared builders for the ticket tests.
import type { Actor } from "../../../core/domain/ticket/ticket.actor.ts";
import type { TicketCommand } from "../../../core/domain/ticket/ticket.commands.ts";
import type { AgentRole, TicketStatus } from "../../../core/domain/ticket/ticket.enums.ts";
import type { TicketSnapshot } from "../../../core/domain/ticket/ticket.lifecycle.ts";

export const OWNER_ID = "0193a000-0000-7000-8000-000000000001";
export const OTHER_CONTACT_ID = "0193a000-0000-7000-8000-000000000002";

/** Wednesday 2 December 2026, 10:00 WIB. */
export const AT = new Date("2026-12-02T03:00:00Z");

export const user: Actor = { type: "USER", contactId: OWNER_ID };
export const system: Actor = { type: "SYSTEM", component: "auto-close" };
export function agent(role: AgentRole): Actor {
  return { type: "AGENT", agentId: `agent-${role.toLowerCase()}`, role };
}

export function ticket(
  status: TicketStatus,
  overrides: Partial<TicketSnapshot> = {},
): TicketSnapshot {
  return {
    status,
    contactId: OWNER_ID,
    team: "VERIFIKATOR",
    resumeStatus: status === "MENUNGGU_PENGGUNA" || status === "ESKALASI_LKPP" ? "DIPROSES" : null,
    resolvedAt: status === "SELESAI" ? new Date(AT.getTime() - 60 * 60_000) : null,
    ...overrides,
  };
}

/** A command of each type with valid data. */
export const SAMPLE_COMMANDS: Record<TicketCommand["type"], TicketCommand> = {
  ACCEPT: { type: "ACCEPT" },
  FORWARD: { type: "FORWARD", team: "ADMIN" },
  START_PROCESSING: { type: "START_PROCESSING" },
  REQUEST_USER_INFO: { type: "REQUEST_USER_INFO", reason: "Mohon kirim foto KTP" },
  USER_RESPONDED: { type: "USER_RESPONDED" },
  ESCALATE_LKPP: { type: "ESCALATE_LKPP", lkppTicketNumber: "LKPP-2026-123456" },
  LKPP_RESPONDED: { type: "LKPP_RESPONDED" },
  RESOLVE: { type: "RESOLVE", resolutionNote: "Kata sandi telah direset" },
  CLOSE: { type: "CLOSE" },
  REOPEN: { type: "REOPEN", reason: "Masih tidak bisa masuk" },
  REJECT: { type: "REJECT", reason: "Bukan kewenangan LPSE Landak" },
  CANCEL: { type: "CANCEL" },
};
