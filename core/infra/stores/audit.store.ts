// The append-only audit trail (UU 27/2022): every view of a KTP, every agent
// action, every export and every purge. The table refuses UPDATE and DELETE
// (a trigger in the migration). Rows hold ids and masked values only.
import type { Prisma } from "../db.ts";
import type { Tx } from "./tx.ts";

export type AuditActor =
  | { type: "AGENT"; agentId: string }
  | { type: "USER"; contactId: string }
  /** A job or use case acting on its own, named ("retention", "workflow"). */
  | { type: "SYSTEM"; name: string };

export interface AuditEntry {
  actor: AuditActor;
  /** Dotted verb, e.g. "ktp.view", "ticket.claim", "report.export", "purge.attachments". */
  action: string;
  ticketId?: string | null;
  contactId?: string | null;
  /** Ids, counts and masked values only: never a NIK, phone number or document. */
  detail?: Prisma.InputJsonObject;
  at?: Date;
}

function actorColumns(actor: AuditActor) {
  switch (actor.type) {
    case "AGENT":
      return { actorType: "AGENT" as const, actorId: actor.agentId };
    case "USER":
      return { actorType: "USER" as const, actorId: actor.contactId };
    case "SYSTEM":
      return { actorType: "SYSTEM" as const, actorId: actor.name };
  }
}

/** Appends one entry; call it inside the transaction of the act it records. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      ...actorColumns(entry.actor),
      action: entry.action,
      ticketId: entry.ticketId ?? null,
      contactId: entry.contactId ?? null,
      ...(entry.detail ? { detail: entry.detail } : {}),
      ...(entry.at ? { at: entry.at } : {}),
    },
  });
}

/** A ticket's trail, oldest first. */
export async function auditTrail(tx: Tx, ticketId: string, limit = 200) {
  return tx.auditLog.findMany({
    where: { ticketId },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    take: limit,
  });
}
