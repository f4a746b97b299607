// The one path every status change of an agent takes (typed command, card
// button, guided step): the ticket workflow's checks, then the audit row;
// a refusal is told in the topic.
import type { Actor } from "../../core/domain/ticket/ticket.actor.ts";
import type { TicketCommand } from "../../core/domain/ticket/ticket.commands.ts";
import type { Agent } from "../../core/infra/db.ts";
import { recordAudit } from "../../core/infra/stores/audit.store.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import type { DeskContext } from "./desk.context.ts";

const actorOf = (agent: Agent): Actor => ({ type: "AGENT", agentId: agent.id, role: agent.role });

export async function runCommand(
  ctx: Pick<DeskContext, "deps" | "prisma">,
  agent: Agent,
  ticketId: string,
  command: TicketCommand,
  reply: (html: string) => Promise<unknown>,
) {
  const result = await ctx.deps.workflow.changeStatus({
    ticketId,
    command,
    actor: actorOf(agent),
  });
  await recordAudit(ctx.prisma, {
    actor: { type: "AGENT", agentId: agent.id },
    action: `ticket.${command.type.toLowerCase()}`,
    ticketId,
    detail: { ok: result.ok, ...(result.ok ? {} : { refused: result.error.code }) },
  });
  if (!result.ok) await reply(escapeHtml(result.error.message));
  return result.ok;
}
