// How a ticket's status changes move its service-time clock (sla.clock.ts):
// the stage each status runs, and the clock after one change or a replay of
// all of them.
import { assertNever } from "../shared/assert-never.ts";
import type { TicketStatus } from "../ticket/ticket.enums.ts";
import type { BusinessCalendar } from "./business-calendar.schema.ts";
import {
  NO_SLA,
  pauseSla,
  resumeSla,
  type SlaStage,
  type SlaState,
  startSla,
} from "./sla.clock.ts";
import { DEFAULT_SLA_POLICY, type SlaPolicy } from "./sla.policy.ts";

/** A status change as the clock needs it (a TicketEventDraft fits). */
export interface SlaStatusChange {
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus;
  createdAt: Date;
}

/**
 * The stage whose clock runs in a status. MENUNGGU_PENGGUNA has none of its
 * own: it pauses the stage it came from. Finished statuses have no clock.
 */
export function slaStageForStatus(status: TicketStatus): SlaStage | null {
  switch (status) {
    case "BARU":
    case "DITERIMA":
      return "HELPDESK";
    case "DITERUSKAN":
    case "DIPROSES":
      return "TEAM";
    case "ESKALASI_LKPP":
      return "LKPP";
    case "MENUNGGU_PENGGUNA":
    case "SELESAI":
    case "DITUTUP":
    case "DITOLAK":
    case "DIBATALKAN":
      return null;
    default:
      return assertNever(status, "ticket status");
  }
}

/** The clock after a status change (apply it with every ticket event). */
export function applySlaTransition(
  state: SlaState,
  change: SlaStatusChange,
  calendar: BusinessCalendar,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): SlaState {
  const at = change.createdAt;
  const to = change.toStatus;
  if (to === "MENUNGGU_PENGGUNA") return pauseSla(state, at);
  const stage = slaStageForStatus(to);
  if (stage === null) return NO_SLA;
  if (stage === "LKPP") {
    // Keep the frozen due time of the stage the ticket will return to.
    return state.stage === null
      ? { stage, dueAt: null, pausedAt: at }
      : { ...pauseSla(state, at), stage };
  }
  const returning =
    change.fromStatus === "MENUNGGU_PENGGUNA" || change.fromStatus === "ESKALASI_LKPP";
  if (returning && state.pausedAt !== null && (state.stage === stage || state.stage === "LKPP")) {
    return resumeSla(state, stage, at, calendar, policy);
  }
  // Same stage (DITERUSKAN -> DIPROSES, or a re-forward): the clock keeps running.
  if (state.stage === stage && state.pausedAt === null && state.dueAt !== null) return state;
  return startSla(stage, at, calendar, policy);
}

/** Replays a ticket's events (any order; sorted by time, stable) into its clock. */
export function slaStateFromEvents(
  events: readonly SlaStatusChange[],
  calendar: BusinessCalendar,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): SlaState {
  const ordered = [...events].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return ordered.reduce(
    (state, change) => applySlaTransition(state, change, calendar, policy),
    NO_SLA,
  );
}
