// One step of a ticket along the procedure. `transition` is pure: it checks the
// table, the actor and the command's data, and answers with the new status and
// the event to append (plus the columns to update), or with a refusal. The
// caller writes both in one transaction. The event rows are ticket.events.ts.
import { assertNever } from "../shared/assert-never.ts";
import { err, ok, type Result } from "../shared/result.ts";
import { type Actor, actorId } from "./ticket.actor.ts";
import { COMMAND_TYPES, type CommandType, type TicketCommand } from "./ticket.commands.ts";
import type { Team, TicketStatus } from "./ticket.enums.ts";
import type { TransitionError } from "./ticket.errors.ts";
import {
  autoCloseTooEarly,
  forbiddenActor,
  inconsistentTicket,
  invalidTeam,
  invalidTransition,
  missingLkppTicketNumber,
  missingReason,
  missingResolutionNote,
  missingResolvedAt,
  notOwner,
  reopenWindowExpired,
} from "./ticket.errors.ts";
import type { TicketEventData, TicketEventDraft } from "./ticket.events.ts";
import { DEFAULT_LIFECYCLE_POLICY, type LifecyclePolicy } from "./ticket.policy.ts";
import type { ResumableStatus, TransitionRule } from "./ticket.transitions.ts";
import {
  findRule,
  isActorPermitted,
  isResumableStatus,
  rolesInScope,
  TRANSITIONS,
} from "./ticket.transitions.ts";

/** What `transition` needs to know about the ticket (a subset of the row). */
export interface TicketSnapshot {
  status: TicketStatus;
  /** The owner; a USER actor must be this contact. */
  contactId: string;
  /** The team the ticket was forwarded to (or routed to, before forwarding). */
  team: Team | null;
  /**
   * While MENUNGGU_PENGGUNA or ESKALASI_LKPP: the status to return to. There is
   * no column for it; derive it with `resumeStatusFromEvents`.
   */
  resumeStatus: ResumableStatus | null;
  /** Set while SELESAI; the reopen window starts here. */
  resolvedAt: Date | null;
}

/** Ticket columns that change with the step (absent: unchanged). */
export interface TicketChanges {
  team?: Team;
  lkppTicketNumber?: string;
  /** Set on RESOLVE, cleared (null) on REOPEN. */
  resolvedAt?: Date | null;
  /** Set when the ticket reaches a final status (DITUTUP, DITOLAK, DIBATALKAN). */
  closedAt?: Date;
}

/** An accepted step: write the event and the changes in one transaction. */
export interface TransitionOutcome {
  status: TicketStatus;
  event: TicketEventDraft;
  changes: TicketChanges;
}

export type TransitionResult = Result<TransitionOutcome, TransitionError>;

const MINUTE_MS = 60_000;

/** Trimmed text, or null when empty or absent. */
function text(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}

const refuse = (error: TransitionError): TransitionResult => err(error);

/**
 * Applies `command` by `actor` at instant `at` to `ticket`. Checks in this
 * order: the step exists for the status (INVALID_TRANSITION), the actor may
 * take it (FORBIDDEN_ACTOR), then the command's data and time windows.
 */
export function transition(
  ticket: TicketSnapshot,
  command: TicketCommand,
  actor: Actor,
  at: Date,
  policy: LifecyclePolicy = DEFAULT_LIFECYCLE_POLICY,
): TransitionResult {
  const rule = findRule(ticket.status, command.type);
  if (rule === undefined) {
    const possible = TRANSITIONS.filter((r) => r.from === ticket.status).map((r) => r.command);
    return refuse(invalidTransition(ticket.status, command.type, [...new Set(possible)]));
  }
  if (!isActorPermitted(rule, ticket.team, actor, policy)) {
    return refuse(
      forbiddenActor(actor, command.type, ticket.status, allowedActors(rule, ticket, policy)),
    );
  }
  if (actor.type === "USER" && actor.contactId !== ticket.contactId) {
    return refuse(notOwner(command.type));
  }

  let toStatus: TicketStatus;
  if (rule.to === "RESUME") {
    if (ticket.resumeStatus === null || !isResumableStatus(ticket.resumeStatus)) {
      return refuse(
        inconsistentTicket(
          `status asal sebelum ${ticket.status} tidak diketahui`,
          `the status before ${ticket.status} is unknown`,
        ),
      );
    }
    toStatus = ticket.resumeStatus;
  } else {
    toStatus = rule.to;
  }

  const step = (
    reason: string | null,
    data: Omit<TicketEventData, "command"> = {},
    changes: TicketChanges = {},
  ): TransitionResult =>
    ok({
      status: toStatus,
      event: {
        fromStatus: ticket.status,
        toStatus,
        actorType: actor.type,
        actorId: actorId(actor),
        reason,
        data: { command: command.type, ...data },
        createdAt: at,
      },
      changes,
    });

  switch (command.type) {
    case "ACCEPT":
    case "START_PROCESSING":
    case "USER_RESPONDED":
    case "LKPP_RESPONDED":
      return step(text(command.note));

    case "FORWARD": {
      const allowed = policy.forwardTeams as readonly Team[];
      // In DITERIMA the team column holds routing's suggestion, which is
      // exactly where the desk usually forwards; afterwards it is the owner.
      const current = ticket.status === "DITERIMA" ? null : ticket.team;
      if (!allowed.includes(command.team) || command.team === current) {
        return refuse(invalidTeam(command.team, allowed, current));
      }
      return step(
        text(command.note),
        { team: command.team, previousTeam: ticket.team },
        { team: command.team },
      );
    }

    case "REQUEST_USER_INFO": {
      const reason = text(command.reason);
      if (reason === null) return refuse(missingReason(command.type));
      return step(reason, { resumeTo: resumableFrom(ticket.status) });
    }

    case "ESCALATE_LKPP": {
      const lkppTicketNumber = text(command.lkppTicketNumber);
      if (lkppTicketNumber === null) return refuse(missingLkppTicketNumber());
      return step(
        text(command.note),
        { lkppTicketNumber, resumeTo: resumableFrom(ticket.status) },
        { lkppTicketNumber },
      );
    }

    case "RESOLVE": {
      const note = text(command.resolutionNote);
      if (note === null) return refuse(missingResolutionNote());
      return step(note, {}, { resolvedAt: at });
    }

    case "CLOSE": {
      if (actor.type === "SYSTEM") {
        const closableFrom = reopenDeadline(ticket, policy);
        if (closableFrom === null) return refuse(missingResolvedAt());
        if (at.getTime() <= closableFrom.getTime()) return refuse(autoCloseTooEarly(closableFrom));
      }
      return step(text(command.note), {}, { closedAt: at });
    }

    case "REOPEN": {
      const reason = text(command.reason);
      if (reason === null) return refuse(missingReason(command.type));
      const deadline = reopenDeadline(ticket, policy);
      if (deadline === null) return refuse(missingResolvedAt());
      if (at.getTime() > deadline.getTime()) {
        return refuse(reopenWindowExpired(policy.reopenWindowMinutes));
      }
      return step(reason, {}, { resolvedAt: null });
    }

    case "REJECT": {
      const reason = text(command.reason);
      if (reason === null) return refuse(missingReason(command.type));
      return step(reason, {}, { closedAt: at });
    }

    case "CANCEL":
      return step(text(command.reason), {}, { closedAt: at });

    default:
      return assertNever(command, "ticket command");
  }
}

/** The commands this actor may try on this ticket now (for buttons and menus). */
export function allowedCommands(
  ticket: TicketSnapshot,
  actor: Actor,
  policy: LifecyclePolicy = DEFAULT_LIFECYCLE_POLICY,
): CommandType[] {
  return COMMAND_TYPES.filter((command) => {
    const rule = findRule(ticket.status, command);
    if (rule === undefined || !isActorPermitted(rule, ticket.team, actor, policy)) return false;
    return actor.type !== "USER" || actor.contactId === ticket.contactId;
  });
}

/** Last instant a SELESAI ticket may be reopened (inclusive). */
export function reopenDeadline(ticket: TicketSnapshot, policy: LifecyclePolicy): Date | null {
  if (ticket.resolvedAt === null) return null;
  return new Date(ticket.resolvedAt.getTime() + policy.reopenWindowMinutes * MINUTE_MS);
}

function resumableFrom(status: TicketStatus): ResumableStatus | undefined {
  return isResumableStatus(status) ? status : undefined;
}

function allowedActors(rule: TransitionRule, ticket: TicketSnapshot, policy: LifecyclePolicy) {
  return {
    user: rule.allow.user,
    system: rule.allow.system,
    roles: rule.allow.agents === null ? [] : rolesInScope(rule.allow.agents, ticket.team, policy),
  };
}
