// Enum values shared by the ticket, routing and SLA domains. They must match
// the Prisma enums in prisma/schema.prisma letter for letter: the database
// stores these strings, and test/unit/ticket/ticket.enums.test.ts compares both
// lists so a schema change cannot drift silently. The domain keeps its own copy
// so it stays free of the generated client.
import { z } from "zod";

export const TICKET_STATUSES = [
  "BARU",
  "DITERIMA",
  "DITERUSKAN",
  "DIPROSES",
  "ESKALASI_LKPP",
  "MENUNGGU_PENGGUNA",
  "SELESAI",
  "DITUTUP",
  "DITOLAK",
  "DIBATALKAN",
] as const;
export const TicketStatusSchema = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

export const TEAMS = ["HELPDESK", "VERIFIKATOR", "ADMIN", "BIDANG", "ANALIS", "LKPP"] as const;
export const TeamSchema = z.enum(TEAMS);
export type Team = z.infer<typeof TeamSchema>;

/** Teams an agent can forward a ticket to: not back to the helpdesk, and LKPP only by escalation. */
export const FORWARD_TEAMS: readonly Team[] = TEAMS.filter((t) => t !== "HELPDESK" && t !== "LKPP");

/** Lowest first, so the index orders priorities. */
export const PRIORITIES = ["RENDAH", "NORMAL", "TINGGI", "MENDESAK"] as const;
export const PrioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof PrioritySchema>;

/** How a request reached the office: chat, or filed in the web console (in person, e-mail). */
export const TICKET_INTAKES = ["CHAT", "WALK_IN", "EMAIL"] as const;

export const ACTOR_TYPES = ["USER", "AGENT", "SYSTEM"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const AGENT_ROLES = ["HELPDESK", "VERIFIKATOR", "ADMIN", "ANALIS", "SUPERVISOR"] as const;
export const AgentRoleSchema = z.enum(AGENT_ROLES);
export type AgentRole = z.infer<typeof AgentRoleSchema>;

/** The higher of two priorities (routing only ever raises a priority). */
export function maxPriority(a: Priority, b: Priority): Priority {
  return PRIORITIES.indexOf(a) >= PRIORITIES.indexOf(b) ? a : b;
}
