// The clock (sla.clock.ts) as the three ticket columns sla_stage /
// sla_due_at / sla_paused_at, and back.
import { NO_SLA, SLA_STAGES, type SlaStage, type SlaState } from "./sla.clock.ts";

function isSlaStage(value: string): value is SlaStage {
  return (SLA_STAGES as readonly string[]).includes(value);
}

/** Reads `sla_stage` back from the database (unknown text = no clock). */
export function parseSlaStage(value: string | null): SlaStage | null {
  return value !== null && isSlaStage(value) ? value : null;
}

/** The ticket columns for a clock state. */
export function toSlaColumns(state: SlaState): {
  slaStage: SlaStage | null;
  slaDueAt: Date | null;
  slaPausedAt: Date | null;
} {
  return { slaStage: state.stage, slaDueAt: state.dueAt, slaPausedAt: state.pausedAt };
}

/** A clock state from the ticket columns. */
export function fromSlaColumns(row: {
  slaStage: string | null;
  slaDueAt: Date | null;
  slaPausedAt: Date | null;
}): SlaState {
  const stage = parseSlaStage(row.slaStage);
  if (stage === null) return NO_SLA;
  return { stage, dueAt: row.slaDueAt, pausedAt: row.slaPausedAt };
}
