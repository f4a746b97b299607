// /ambil and the card's "Ambil" button: the agent takes the ticket (unless
// another agent has it); a new ticket is accepted at the same time.
import { DESK_TEXT } from "../../../core/content/messages/desk.messages.ts";
import type { Agent } from "../../../core/infra/db.ts";
import { recordAudit } from "../../../core/infra/stores/audit.store.ts";
import { escapeHtml } from "../../telegram/telegram.render.ts";
import type { ButtonHandlers, DeskContext, TopicCommand } from "../desk.context.ts";
import { agentLabel } from "../desk.lookups.ts";
import { runCommand } from "../desk.run-command.ts";

async function claim(
  ctx: DeskContext,
  agent: Agent,
  ticketId: string,
  reply: (html: string) => Promise<unknown>,
) {
  const { prisma } = ctx;
  const ticket = await prisma.ticket.findUnique({
    where: { id: ticketId },
    include: { assignee: true },
  });
  if (!ticket) return;
  if (ticket.assignee && ticket.assignee.id !== agent.id) {
    await reply(escapeHtml(DESK_TEXT.alreadyClaimed(agentLabel(ticket.assignee))));
    return;
  }
  await prisma.$transaction(async (tx) => {
    await tx.ticket.update({ where: { id: ticketId }, data: { assigneeId: agent.id } });
    await recordAudit(tx, {
      actor: { type: "AGENT", agentId: agent.id },
      action: "ticket.claim",
      ticketId,
    });
  });
  await reply(escapeHtml(DESK_TEXT.claimed(agentLabel(agent))));
  if (ticket.status === "BARU") await runCommand(ctx, agent, ticketId, { type: "ACCEPT" }, reply);
}

const ambil: TopicCommand = async (ctx, { agent, reply, needTicket }) => {
  const id = await needTicket();
  if (id) await claim(ctx, agent, id, reply);
};

export const claimCommands = { ambil } satisfies Record<string, TopicCommand>;

export const claimButtons = {
  claim: (ctx, { agent, button, reply }) => claim(ctx, agent, button.id, reply),
} satisfies Partial<ButtonHandlers>;
