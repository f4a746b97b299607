// Moving a ticket along: /proses (and the card's "Proses" button), /lanjut
// once the user (or LKPP) answered, /eskalasi to LKPP with its ticket number.
import type { TicketCommand } from "../../../core/domain/ticket/ticket.commands.ts";
import { firstWord } from "../desk.commands.ts";
import type { ButtonHandlers, TopicCommand } from "../desk.context.ts";
import { runCommand } from "../desk.run-command.ts";

/** /lanjut: the answer the ticket waited for came, from LKPP when escalated there, else the user. */
export function continueCommand(status: string | undefined, note: string): TicketCommand {
  const type = status === "ESKALASI_LKPP" ? "LKPP_RESPONDED" : "USER_RESPONDED";
  return { type, ...(note ? { note } : {}) };
}

/** /eskalasi 2026-000123 gangguan server: LKPP's ticket number, then an optional note. */
export function escalateCommand(args: string): TicketCommand {
  const { word, rest } = firstWord(args);
  return { type: "ESCALATE_LKPP", lkppTicketNumber: word, ...(rest ? { note: rest } : {}) };
}

const proses: TopicCommand = async (ctx, { agent, reply, needTicket }) => {
  const id = await needTicket();
  if (id) await runCommand(ctx, agent, id, { type: "START_PROCESSING" }, reply);
};

const lanjut: TopicCommand = async (ctx, { agent, args, reply, needTicket }) => {
  const id = await needTicket();
  if (!id) return;
  const ticket = await ctx.prisma.ticket.findUnique({ where: { id }, select: { status: true } });
  await runCommand(ctx, agent, id, continueCommand(ticket?.status, args), reply);
};

const eskalasi: TopicCommand = async (ctx, { agent, args, reply, needTicket, needText }) => {
  const id = await needTicket();
  if (!id || !(await needText("/eskalasi 2026-000123 gangguan server SPSE"))) return;
  await runCommand(ctx, agent, id, escalateCommand(args), reply);
};

export const progressCommands = { proses, lanjut, eskalasi } satisfies Record<string, TopicCommand>;

export const progressButtons = {
  process: (ctx, { agent, button, reply }) =>
    runCommand(ctx, agent, button.id, { type: "START_PROCESSING" }, reply),
} satisfies Partial<ButtonHandlers>;
