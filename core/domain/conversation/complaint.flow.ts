import {
  complaintFiled,
  complaintNotFound,
  complaintStatus,
  spokenDate,
} from "../../content/index.ts";
import type { BusinessCalendar } from "../sla/business-calendar.schema.ts";
import { localDate, nextWorkingTime } from "../sla/business-calendar.ts";
import { aside } from "./aside.ts";
import type { ComplaintStatusResultEvent } from "./conversation-event.schema.ts";
import type { ConversationState } from "./conversation-state.schema.ts";
import { type Ctx, type Decision, decision, textReply } from "./decision.ts";

/**
 * A service complaint after it is written: the office answers within a
 * number of working days (the next working day is the first), told with its
 * number; "status ADU-…" tells where it stands.
 */

const DAY_MS = 24 * 3_600_000;

/** The opening of the `days`-th working day after the one `at` falls on. */
export function complaintDueAt(at: string, days: number, calendar: BusinessCalendar): string {
  const offsetMs = calendar.utcOffsetMinutes * 60_000;
  let cursor = new Date(at);
  for (let i = 0; i < days; i++) {
    // Midnight after the cursor's local day, then that day's (or a later) opening.
    const midnight = Date.parse(`${localDate(cursor, calendar)}T00:00:00Z`) - offsetMs + DAY_MS;
    cursor = nextWorkingTime(new Date(midnight), calendar);
  }
  return cursor.toISOString();
}

export function onComplaintFiled(
  state: ConversationState,
  number: string,
  dueAt: string,
  ctx: Ctx,
): Decision {
  return decision(
    state,
    textReply(
      state.language,
      complaintFiled(number, spokenDate(dueAt), ctx.settings.complaintResponseDays),
    ),
  );
}

export function onComplaintStatusResult(
  state: ConversationState,
  event: ComplaintStatusResultEvent,
  ctx: Ctx,
): Decision {
  const text =
    event.status === null
      ? complaintNotFound(event.complaintNumber)
      : complaintStatus({
          number: event.complaintNumber,
          status: event.status,
          dueDate: event.dueAt === null ? null : spokenDate(event.dueAt),
          outcome: event.outcome,
        });
  return aside(state, text, ctx);
}
