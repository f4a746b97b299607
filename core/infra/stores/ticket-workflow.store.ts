// Writing a ticket's step: the new status and columns, its event, the user's
// notification and the service-time checks, all in the caller's transaction.
import { QUEUE } from "../../contracts/queues.ts";
import type { BusinessCalendar } from "../../domain/sla/business-calendar.schema.ts";
import { type SlaState, slaPlan } from "../../domain/sla/sla.clock.ts";
import type { SlaPolicy } from "../../domain/sla/sla.policy.ts";
import { addOutbox } from "./outbox.store.ts";
import type { Tx } from "./tx.ts";

/**
 * Delayed `sla.check` jobs for a running clock: the reminder at 80% of the
 * target and the breach at the due time. A clock that moves later makes these
 * stale; the SLA worker recognises them by their due time and drops them.
 */
export async function scheduleSlaChecks(
  tx: Tx,
  ticketId: string,
  sla: SlaState,
  calendar: BusinessCalendar,
  policy: SlaPolicy,
  now: Date,
): Promise<string[]> {
  const plan = slaPlan(sla, calendar, now, policy);
  if (plan.clock !== "RUNNING") return [];
  const dueAt = plan.dueAt.toISOString();
  return [
    await addOutbox(
      tx,
      QUEUE.sla,
      "sla.check",
      { ticketId, kind: "reminder", dueAt },
      { deliverAt: plan.reminderAt },
    ),
    await addOutbox(
      tx,
      QUEUE.sla,
      "sla.check",
      { ticketId, kind: "breach", dueAt },
      { deliverAt: plan.breachAt },
    ),
  ];
}

export function slaColumnsChanged(before: SlaState, after: SlaState): boolean {
  return (
    before.stage !== after.stage ||
    before.dueAt?.getTime() !== after.dueAt?.getTime() ||
    before.pausedAt?.getTime() !== after.pausedAt?.getTime()
  );
}
