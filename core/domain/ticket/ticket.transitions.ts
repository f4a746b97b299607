// The official procedure as data: one row per (command, from-status). Anything
// not in the table is refused with INVALID_TRANSITION, so the table is the whole
// truth and tests can enumerate it. Who may act is part of the row.
import { assertNever } from "../shared/assert-never.ts";
import type { Actor } from "./ticket.actor.ts";
import type { CommandType } from "./ticket.commands.ts";
import type { AgentRole, Team, TicketStatus } from "./ticket.enums.ts";
import type { LifecyclePolicy } from "./ticket.policy.ts";

/**
 * Which agents may act. SUPERVISOR is included in every scope: the supervisor
 * can do everything an agent can.
 * - ANY: every agent role.
 * - DESK: the front desk (HELPDESK), which checks, accepts and forwards.
 * - TEAM: the roles handling the ticket's team (see LifecyclePolicy.teamHandlers).
 * - TEAM_OR_DESK: the team or the front desk (to correct a misrouted ticket).
 */
export type AgentScope = "ANY" | "DESK" | "TEAM" | "TEAM_OR_DESK";

export interface ActorPermission {
  user: boolean;
  system: boolean;
  /** null: no agent may take this step. */
  agents: AgentScope | null;
}

/** Where MENUNGGU_PENGGUNA and ESKALASI_LKPP may come from, and return to. */
export const RESUMABLE_STATUSES = ["DITERIMA", "DITERUSKAN", "DIPROSES"] as const;
export type ResumableStatus = (typeof RESUMABLE_STATUSES)[number];

export function isResumableStatus(status: TicketStatus): status is ResumableStatus {
  return (RESUMABLE_STATUSES as readonly TicketStatus[]).includes(status);
}

export interface TransitionRule {
  command: CommandType;
  from: TicketStatus;
  /** RESUME: back to the status the ticket was in before waiting/escalating. */
  to: TicketStatus | "RESUME";
  allow: ActorPermission;
}

const agents = (scope: AgentScope): ActorPermission => ({
  user: false,
  system: false,
  agents: scope,
});
const userOrAgents: ActorPermission = { user: true, system: false, agents: "ANY" };
const userOnly: ActorPermission = { user: true, system: false, agents: null };
// SYSTEM closes only: the auto-close worker ends SELESAI tickets nobody
// reopened. Routing runs as SYSTEM too, but a human must accept and forward.
const anyoneMayClose: ActorPermission = { user: true, system: true, agents: "ANY" };

const OPEN: readonly TicketStatus[] = [
  "BARU",
  "DITERIMA",
  "DITERUSKAN",
  "DIPROSES",
  "ESKALASI_LKPP",
  "MENUNGGU_PENGGUNA",
];

function rows(
  command: CommandType,
  from: readonly TicketStatus[],
  to: TicketStatus | "RESUME",
  allow: ActorPermission,
): TransitionRule[] {
  return from.map((status) => ({ command, from: status, to, allow }));
}

export const TRANSITIONS: readonly TransitionRule[] = [
  ...rows("ACCEPT", ["BARU"], "DITERIMA", agents("DESK")),
  ...rows("FORWARD", ["DITERIMA"], "DITERUSKAN", agents("DESK")),
  // A team that received a ticket meant for another team passes it on; the
  // SLA clock of the TEAM stage keeps running (see sla.clock.ts).
  ...rows("FORWARD", ["DITERUSKAN", "DIPROSES"], "DITERUSKAN", agents("TEAM_OR_DESK")),
  ...rows("START_PROCESSING", ["DITERUSKAN"], "DIPROSES", agents("TEAM")),
  ...rows("REQUEST_USER_INFO", ["DITERIMA"], "MENUNGGU_PENGGUNA", agents("DESK")),
  ...rows("REQUEST_USER_INFO", ["DITERUSKAN", "DIPROSES"], "MENUNGGU_PENGGUNA", agents("TEAM")),
  // An agent may record an answer that came by phone or e-mail.
  ...rows("USER_RESPONDED", ["MENUNGGU_PENGGUNA"], "RESUME", userOrAgents),
  // The desk may see at once that only LKPP can help (an SPSE bug), hence DITERIMA.
  ...rows("ESCALATE_LKPP", ["DITERIMA", "DITERUSKAN", "DIPROSES"], "ESKALASI_LKPP", agents("ANY")),
  ...rows("LKPP_RESPONDED", ["ESKALASI_LKPP"], "RESUME", agents("ANY")),
  // The desk answers simple questions itself instead of forwarding to itself.
  ...rows("RESOLVE", ["DITERIMA"], "SELESAI", agents("DESK")),
  ...rows("RESOLVE", ["DIPROSES"], "SELESAI", agents("TEAM")),
  // Whoever relays LKPP's final answer records the resolution.
  ...rows("RESOLVE", ["ESKALASI_LKPP"], "SELESAI", agents("ANY")),
  ...rows("CLOSE", ["SELESAI"], "DITUTUP", anyoneMayClose),
  ...rows("REOPEN", ["SELESAI"], "DIPROSES", userOrAgents),
  ...rows("REJECT", OPEN, "DITOLAK", agents("ANY")),
  ...rows("CANCEL", OPEN, "DIBATALKAN", userOnly),
];

export function findRule(from: TicketStatus, command: CommandType): TransitionRule | undefined {
  return TRANSITIONS.find((rule) => rule.from === from && rule.command === command);
}

/** Agent roles in a scope for a ticket of `team` (null: not yet forwarded = front desk). */
export function rolesInScope(
  scope: AgentScope,
  team: Team | null,
  policy: LifecyclePolicy,
): readonly AgentRole[] {
  const desk: AgentRole[] = ["HELPDESK"];
  const teamRoles = policy.teamHandlers[team ?? "HELPDESK"];
  let roles: readonly AgentRole[];
  switch (scope) {
    case "ANY":
      return ["HELPDESK", "VERIFIKATOR", "ADMIN", "ANALIS", "SUPERVISOR"];
    case "DESK":
      roles = desk;
      break;
    case "TEAM":
      roles = teamRoles;
      break;
    case "TEAM_OR_DESK":
      roles = [...desk, ...teamRoles];
      break;
    default:
      return assertNever(scope, "agent scope");
  }
  return [...new Set<AgentRole>([...roles, "SUPERVISOR"])];
}

/** Whether the actor's kind and role fit the row (ownership is checked separately). */
export function isActorPermitted(
  rule: TransitionRule,
  team: Team | null,
  actor: Actor,
  policy: LifecyclePolicy,
): boolean {
  switch (actor.type) {
    case "USER":
      return rule.allow.user;
    case "SYSTEM":
      return rule.allow.system;
    case "AGENT":
      return (
        rule.allow.agents !== null &&
        rolesInScope(rule.allow.agents, team, policy).includes(actor.role)
      );
    default:
      return assertNever(actor, "actor");
  }
}
