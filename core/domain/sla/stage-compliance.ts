// Which procedure stages a ticket finished, and whether each finished before
// its due time, replayed from the ticket's events with the same clock rules
// the workflow applies (sla.clock.ts). The helpdesk clock starts when the
// ticket is filed (as routeTicket starts it). A stage finishes when the
// clock moves to another stage or stops (resolved, rejected, cancelled,
// closed). Escalation to LKPP pauses the current stage without finishing it;
// LKPP itself has no target and is not measured. A stage that ends while its
// clock is paused (waiting for the user) was on time if it had time left at
// the pause.
import type { BusinessCalendar } from "./business-calendar.schema.ts";
import { type SlaStage, type SlaState, startSla } from "./sla.clock.ts";
import type { SlaPolicy } from "./sla.policy.ts";
import { DEFAULT_SLA_POLICY } from "./sla.policy.ts";
import { applySlaTransition, type SlaStatusChange } from "./sla.transition.ts";

export type MeasuredStage = Exclude<SlaStage, "LKPP">;

export interface FinishedStage {
  stage: MeasuredStage;
  finishedAt: Date;
  dueAt: Date | null;
  onTime: boolean;
}

function measured(state: SlaState, previous: MeasuredStage | null): MeasuredStage | null {
  if (state.stage === "LKPP") return previous;
  return state.stage;
}

function finishedOnTime(state: SlaState, at: Date): boolean {
  if (state.dueAt === null) return false;
  const stoppedAt = state.pausedAt ?? at;
  // Breached from the due instant on (sla.clock.ts).
  return stoppedAt.getTime() < state.dueAt.getTime();
}

export function finishedStages(
  ticket: { createdAt: Date },
  events: readonly SlaStatusChange[],
  calendar: BusinessCalendar,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): FinishedStage[] {
  const ordered = [...events].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  let state: SlaState = startSla("HELPDESK", ticket.createdAt, calendar, policy);
  let current: MeasuredStage | null = "HELPDESK";
  const done: FinishedStage[] = [];
  for (const event of ordered) {
    // The filing event itself (no from-status) only restates the start.
    if (event.fromStatus === null && event.toStatus === "BARU") continue;
    const next = applySlaTransition(state, event, calendar, policy);
    const nextStage: MeasuredStage | null = next.stage === null ? null : measured(next, current);
    if (current !== null && nextStage !== current) {
      done.push({
        stage: current,
        finishedAt: event.createdAt,
        dueAt: state.dueAt,
        onTime: finishedOnTime(state, event.createdAt),
      });
    }
    state = next;
    current = nextStage;
  }
  return done;
}
