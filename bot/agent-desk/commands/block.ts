// /blokir and /bukablokir LDK-… alasan: a supervisor stops (or lets again)
// the bot answering a ticket's sender; audited with the reason.
import { DESK_TEXT } from "../../../core/content/messages/desk.messages.ts";
import { recordAudit } from "../../../core/infra/stores/audit.store.ts";
import { escapeHtml } from "../../telegram/telegram.render.ts";
import { firstWord } from "../desk.commands.ts";
import type { GeneralCommand } from "../desk.context.ts";
import { ticketByNumber } from "../desk.lookups.ts";

const block: GeneralCommand = async (ctx, { agent, name, args, reply }) => {
  if (agent.role !== "SUPERVISOR") {
    await reply(escapeHtml(DESK_TEXT.notAllowed("memblokir pengirim")));
    return;
  }
  const ticket = await ticketByNumber(ctx.prisma, args);
  if (!ticket) {
    await reply(escapeHtml(DESK_TEXT.needsArgument(`/${name} LDK-2026-00042 alasan`)));
    return;
  }
  const blocked = name === "blokir";
  await ctx.prisma.$transaction(async (tx) => {
    await tx.contact.update({ where: { id: ticket.contactId }, data: { blocked } });
    await recordAudit(tx, {
      actor: { type: "AGENT", agentId: agent.id },
      action: blocked ? "contact.block" : "contact.unblock",
      ticketId: ticket.id,
      contactId: ticket.contactId,
      detail: { reason: firstWord(args).rest.slice(0, 200) },
    });
  });
  await reply(
    escapeHtml(blocked ? DESK_TEXT.blocked(ticket.number) : DESK_TEXT.unblocked(ticket.number)),
  );
};

export const blockCommands = { blokir: block, bukablokir: block } satisfies Record<
  string,
  GeneralCommand
>;
