// The rows of `ticket_events`: what each holds, the first event of every
// ticket, and the status a waiting or escalated ticket returns to, read back
// from its events.
import { type Actor, actorId } from "./ticket.actor.ts";
import type { CommandType } from "./ticket.commands.ts";
import type { ActorType, Team, TicketStatus } from "./ticket.enums.ts";
import { isResumableStatus, type ResumableStatus } from "./ticket.transitions.ts";

/** JSON stored in `ticket_events.data`; a type alias so it fits Prisma's JSON input. */
export type TicketEventData = {
  command: CommandType | "SUBMIT";
  /** FORWARD: the new team and the one it came from. */
  team?: Team;
  previousTeam?: Team | null;
  /** ESCALATE_LKPP. */
  lkppTicketNumber?: string;
  /** REQUEST_USER_INFO / ESCALATE_LKPP: where the ticket returns afterwards. */
  resumeTo?: ResumableStatus;
};

/** A row for `ticket_events`, minus ids. */
export interface TicketEventDraft {
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus;
  actorType: ActorType;
  actorId: string | null;
  reason: string | null;
  data: TicketEventData;
  createdAt: Date;
}

/**
 * The status a waiting or escalated ticket returns to: the `fromStatus` of the
 * latest event that entered MENUNGGU_PENGGUNA or ESKALASI_LKPP. Events in
 * chronological order; null if there is none.
 */
export function resumeStatusFromEvents(
  events: readonly { fromStatus: TicketStatus | null; toStatus: TicketStatus }[],
): ResumableStatus | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event === undefined) continue;
    if (event.toStatus === "MENUNGGU_PENGGUNA" || event.toStatus === "ESKALASI_LKPP") {
      return event.fromStatus !== null && isResumableStatus(event.fromStatus)
        ? event.fromStatus
        : null;
    }
  }
  return null;
}

/** The first event of every ticket: submitted by the user, status BARU. */
export function submissionEvent(actor: Actor, at: Date): TicketEventDraft {
  return {
    fromStatus: null,
    toStatus: "BARU",
    actorType: actor.type,
    actorId: actorId(actor),
    reason: null,
    data: { command: "SUBMIT" },
    createdAt: at,
  };
}
