// How the agents group names the procedure's internal codes: teams, agent
// roles, priorities, SLA stages, and the command an agent types for each
// ticket step. Agents read Bahasa Indonesia, never the enum values.
import type { CommandType } from "../domain/ticket/ticket.commands.ts";
import type { AgentRole, Priority, Team } from "../domain/ticket/ticket.enums.ts";

export const TEAM_LABELS: Readonly<Record<Team, string>> = {
  HELPDESK: "Helpdesk",
  VERIFIKATOR: "Verifikator",
  ADMIN: "Admin LPSE",
  BIDANG: "Bidang",
  ANALIS: "Analis",
  LKPP: "LKPP",
};

export const AGENT_ROLE_LABELS: Readonly<Record<AgentRole, string>> = {
  HELPDESK: "Helpdesk",
  VERIFIKATOR: "Verifikator",
  ADMIN: "Admin LPSE",
  ANALIS: "Analis",
  SUPERVISOR: "Supervisor",
};

/** The stages of the service time (sla.policy.ts). */
export const SLA_STAGE_LABELS: Readonly<Record<string, string>> = {
  HELPDESK: "Pemeriksaan Helpdesk",
  TEAM: "Penanganan Verifikator/Admin/Bidang",
  LKPP: "Eskalasi LKPP",
};

export const PRIORITY_LABELS: Readonly<Record<Priority, string>> = {
  RENDAH: "Rendah",
  NORMAL: "Normal",
  TINGGI: "Tinggi",
  MENDESAK: "Mendesak",
};

/** The command an agent types for a step; null for steps only the user or the system takes. */
export const DESK_COMMAND_OF: Readonly<Record<CommandType, string | null>> = {
  ACCEPT: "/ambil",
  FORWARD: "/teruskan",
  START_PROCESSING: "/proses",
  REQUEST_USER_INFO: "/minta",
  USER_RESPONDED: "/lanjut",
  ESCALATE_LKPP: "/eskalasi",
  LKPP_RESPONDED: "/lanjut",
  RESOLVE: "/selesai",
  CLOSE: "/tutup",
  REOPEN: "/buka",
  REJECT: "/tolak",
  CANCEL: null,
};

function known(labels: Readonly<Record<string, string | undefined>>, id: string | null): string {
  return id === null ? "-" : (labels[id] ?? id);
}

export const teamLabel = (team: string | null) => known(TEAM_LABELS, team);
export const agentRoleLabel = (role: string) => known(AGENT_ROLE_LABELS, role);
export const priorityLabel = (priority: string) => known(PRIORITY_LABELS, priority);
export const slaStageLabel = (stage: string | null) => known(SLA_STAGE_LABELS, stage);

/** "/teruskan, /proses": the commands for the steps an agent may take next (each once). */
export function deskCommandList(steps: readonly CommandType[]): string {
  const commands = [...new Set(steps.map((s) => DESK_COMMAND_OF[s]).filter((c) => c !== null))];
  return commands.length > 0 ? commands.join(", ") : "tidak ada";
}
