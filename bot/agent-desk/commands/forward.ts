// /teruskan VERIFIKATOR …: the ticket goes to another team, with a note.
// (The card's "➡️ Teruskan" is a guided step, desk.guided.ts.)
import { DESK_TEXT } from "../../../core/content/messages/desk.messages.ts";
import type { TicketCommand } from "../../../core/domain/ticket/ticket.commands.ts";
import { FORWARD_TEAMS, type Team } from "../../../core/domain/ticket/ticket.enums.ts";
import { escapeHtml } from "../../telegram/telegram.render.ts";
import { firstWord } from "../desk.commands.ts";
import type { TopicCommand } from "../desk.context.ts";
import { runCommand } from "../desk.run-command.ts";

/** The team (any case) and an optional note; null when the first word is no team one forwards to. */
export function forwardCommand(args: string): TicketCommand | null {
  const { word, rest } = firstWord(args);
  const team = word.toUpperCase() as Team;
  if (!FORWARD_TEAMS.includes(team)) return null;
  return { type: "FORWARD", team, ...(rest ? { note: rest } : {}) };
}

const teruskan: TopicCommand = async (ctx, { agent, args, reply, needTicket, needText }) => {
  const id = await needTicket();
  if (!id || !(await needText("/teruskan VERIFIKATOR dokumen perlu diverifikasi"))) return;
  const command = forwardCommand(args);
  if (!command) {
    await reply(escapeHtml(DESK_TEXT.badTeam(FORWARD_TEAMS.join(", "))));
    return;
  }
  await runCommand(ctx, agent, id, command, reply);
};

export const forwardCommands = { teruskan } satisfies Record<string, TopicCommand>;
