// /audit LDK-…: a ticket's audit trail for supervisors, admins and analysts
// (in a ticket topic the number may be left out); viewing it is audited too.
import { DESK_TEXT } from "../../../core/content/messages/desk.messages.ts";
import { formatWibDateTime } from "../../../core/domain/shared/wib-time.ts";
import type { AgentRole } from "../../../core/infra/db.ts";
import { auditTrail, recordAudit } from "../../../core/infra/stores/audit.store.ts";
import { escapeHtml } from "../../telegram/telegram.render.ts";
import type { GeneralCommand } from "../desk.context.ts";
import { ticketByNumber } from "../desk.lookups.ts";

const AUDIT_ROLES = new Set<AgentRole>(["SUPERVISOR", "ADMIN", "ANALIS"]);

type TrailRow = Awaited<ReturnType<typeof auditTrail>>[number];

/** One plain line per row: when (WIB), who (an agent's name, the user, the system), what. */
export function auditLines(
  trail: readonly Pick<TrailRow, "at" | "actorType" | "actorId" | "action">[],
  agentNames: ReadonlyMap<string, string>,
): string[] {
  return trail.map((row) => {
    const who =
      row.actorType === "AGENT"
        ? (agentNames.get(row.actorId ?? "") ?? "petugas")
        : row.actorType === "USER"
          ? "pengguna"
          : `sistem (${row.actorId ?? "-"})`;
    return `${formatWibDateTime(row.at.toISOString())} · ${who} · ${row.action}`;
  });
}

const audit: GeneralCommand = async (ctx, { agent, args, topic, reply }) => {
  const { prisma } = ctx;
  if (!AUDIT_ROLES.has(agent.role)) {
    await reply(escapeHtml(DESK_TEXT.notAllowed("melihat jejak audit")));
    return;
  }
  const ticket =
    (await ticketByNumber(prisma, args)) ??
    (topic?.ticketId ? await prisma.ticket.findUnique({ where: { id: topic.ticketId } }) : null);
  if (!ticket) {
    await reply(escapeHtml(DESK_TEXT.needsArgument("/audit LDK-2026-00042")));
    return;
  }
  await recordAudit(prisma, {
    actor: { type: "AGENT", agentId: agent.id },
    action: "audit.view",
    ticketId: ticket.id,
  });
  const trail = await auditTrail(prisma, ticket.id);
  const agents = new Map(
    (await prisma.agent.findMany({ select: { id: true, name: true } })).map((a) => [a.id, a.name]),
  );
  const lines = auditLines(trail, agents);
  await reply(
    escapeHtml(
      lines.length
        ? [DESK_TEXT.auditHeader(ticket.number), ...lines].join("\n")
        : DESK_TEXT.auditEmpty(ticket.number),
    ),
  );
};

export const auditCommands = { audit } satisfies Record<string, GeneralCommand>;
