// The service-time clock of a ticket. Its state is exactly the three columns
// tickets.sla_stage / sla_due_at / sla_paused_at, so a worker can store it
// after every status change and reschedule reminder and breach jobs from
// `slaPlan`. Pausing keeps the due time; resuming adds the business minutes
// that were left at the pause to the resume instant. How status changes move
// the clock is sla.transition.ts; the ticket columns are sla.columns.ts.
import { assertNever } from "../shared/assert-never.ts";
import type { BusinessCalendar } from "./business-calendar.schema.ts";
import {
  addBusinessMinutes,
  signedBusinessMinutes,
  subtractBusinessMinutes,
} from "./business-calendar.ts";
import { DEFAULT_SLA_POLICY, type SlaPolicy } from "./sla.policy.ts";

export const SLA_STAGES = ["HELPDESK", "TEAM", "LKPP"] as const;
export type SlaStage = (typeof SLA_STAGES)[number];

/**
 * The stored clock.
 * - stage null: no clock (finished ticket).
 * - pausedAt null: running toward dueAt.
 * - pausedAt set: frozen; dueAt is the due time as it stood at the pause, so
 *   the remaining minutes are businessMinutes(pausedAt, dueAt). While the
 *   ticket is escalated the stage reads LKPP and dueAt still belongs to the
 *   stage the ticket returns to.
 */
export interface SlaState {
  stage: SlaStage | null;
  dueAt: Date | null;
  pausedAt: Date | null;
}

export const NO_SLA: SlaState = { stage: null, dueAt: null, pausedAt: null };

/** Target in business minutes; null for LKPP (see sla.policy.ts). */
export function slaTargetMinutes(stage: SlaStage, policy: SlaPolicy): number | null {
  switch (stage) {
    case "HELPDESK":
      return policy.helpdeskMinutes;
    case "TEAM":
      return policy.teamMinutes;
    case "LKPP":
      return null;
    default:
      return assertNever(stage, "SLA stage");
  }
}

/** A fresh clock for `stage` starting at `at`. */
export function startSla(
  stage: SlaStage,
  at: Date,
  calendar: BusinessCalendar,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): SlaState {
  const target = slaTargetMinutes(stage, policy);
  return {
    stage,
    dueAt: target === null ? null : addBusinessMinutes(at, target, calendar),
    pausedAt: null,
  };
}

/** Freezes the clock; pausing a paused clock keeps the first pause. */
export function pauseSla(state: SlaState, at: Date): SlaState {
  if (state.stage === null || state.pausedAt !== null) return state;
  return { ...state, pausedAt: at };
}

/**
 * Restarts a paused clock for `stage` at `at` with the business minutes that
 * were left. A clock already overdue at the pause resumes overdue (due = `at`);
 * its breach was recorded when it happened.
 */
export function resumeSla(
  state: SlaState,
  stage: SlaStage,
  at: Date,
  calendar: BusinessCalendar,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): SlaState {
  if (state.pausedAt === null || state.dueAt === null) return startSla(stage, at, calendar, policy);
  const remaining = signedBusinessMinutes(state.pausedAt, state.dueAt, calendar);
  return {
    stage,
    dueAt: remaining > 0 ? addBusinessMinutes(at, remaining, calendar) : at,
    pausedAt: null,
  };
}

export type SlaPlan =
  /** No clock: the ticket is finished. */
  | { clock: "NONE" }
  | {
      clock: "RUNNING";
      stage: SlaStage;
      targetMinutes: number;
      dueAt: Date;
      /** When `reminderFraction` of the target is used up; may be in the past after a resume. */
      reminderAt: Date;
      /** Breached from this instant on (= dueAt): the target is used up at dueAt. */
      breachAt: Date;
      /** Business minutes used on this stage's clock, pauses excluded; above target when overdue. */
      elapsedBusinessMinutes: number;
      /** Negative when overdue. */
      remainingBusinessMinutes: number;
      reminderDue: boolean;
      breached: boolean;
    }
  | {
      clock: "PAUSED";
      /** HELPDESK/TEAM while waiting for the user; LKPP while escalated. */
      stage: SlaStage;
      /** null for LKPP. */
      targetMinutes: number | null;
      pausedAt: Date;
      /** Left on the frozen clock (null if there was none); negative when it was overdue. */
      remainingBusinessMinutes: number | null;
      /**
       * HELPDESK/TEAM: minutes used on the frozen clock. LKPP (no target):
       * business minutes spent at LKPP so far.
       */
      elapsedBusinessMinutes: number;
      /** Business minutes since the pause (how long the user/LKPP has had it). */
      pausedBusinessMinutes: number;
    };

/** Where the clock stands at `now`, and when the worker should look again. */
export function slaPlan(
  state: SlaState,
  calendar: BusinessCalendar,
  now: Date,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): SlaPlan {
  if (state.stage === null) return { clock: "NONE" };
  const target = slaTargetMinutes(state.stage, policy);

  if (state.pausedAt !== null) {
    const remaining =
      state.dueAt === null ? null : signedBusinessMinutes(state.pausedAt, state.dueAt, calendar);
    const pausedFor = signedBusinessMinutes(state.pausedAt, now, calendar);
    return {
      clock: "PAUSED",
      stage: state.stage,
      targetMinutes: target,
      pausedAt: state.pausedAt,
      remainingBusinessMinutes: remaining,
      elapsedBusinessMinutes:
        target === null || remaining === null ? Math.max(0, pausedFor) : target - remaining,
      pausedBusinessMinutes: Math.max(0, pausedFor),
    };
  }

  if (target === null || state.dueAt === null) return { clock: "NONE" };
  const reminderAt = subtractBusinessMinutes(
    state.dueAt,
    target * (1 - policy.reminderFraction),
    calendar,
  );
  const remaining = signedBusinessMinutes(now, state.dueAt, calendar);
  return {
    clock: "RUNNING",
    stage: state.stage,
    targetMinutes: target,
    dueAt: state.dueAt,
    reminderAt,
    breachAt: state.dueAt,
    elapsedBusinessMinutes: target - remaining,
    remainingBusinessMinutes: remaining,
    reminderDue: now.getTime() >= reminderAt.getTime(),
    breached: now.getTime() >= state.dueAt.getTime(),
  };
}
