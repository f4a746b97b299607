// Who takes a step on a ticket. The event log stores only `actorType` and
// `actorId`, so each variant says which id ends up there.
import { agentRoleLabel } from "../../content/desk-labels.content.ts";
import { assertNever } from "../shared/assert-never.ts";
import type { AgentRole } from "./ticket.enums.ts";

export type Actor =
  /** The applicant; `contactId` is the Contact row that owns the ticket. */
  | { type: "USER"; contactId: string }
  /** A helpdesk staff member (Agent row) acting from the agents group. */
  | { type: "AGENT"; agentId: string; role: AgentRole }
  /** A worker; `component` names it in the audit trail (e.g. "auto-close"). */
  | { type: "SYSTEM"; component: string };

/** The value of `ticket_events.actor_id`. */
export function actorId(actor: Actor): string {
  switch (actor.type) {
    case "USER":
      return actor.contactId;
    case "AGENT":
      return actor.agentId;
    case "SYSTEM":
      return actor.component;
    default:
      return assertNever(actor, "actor");
  }
}

/** How the actor is named in refusal messages. */
export function actorLabel(actor: Actor): { id: string; en: string } {
  switch (actor.type) {
    case "USER":
      return { id: "Pengguna", en: "The user" };
    case "AGENT":
      return { id: `Petugas ${agentRoleLabel(actor.role)}`, en: `Agent with role ${actor.role}` };
    case "SYSTEM":
      return { id: `Sistem (${actor.component})`, en: `The system (${actor.component})` };
    default:
      return assertNever(actor, "actor");
  }
}
