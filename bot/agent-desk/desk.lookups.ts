// Small lookups the desk's features share: who an agent is, how an agent is
// named in the group, the ticket a typed number means, where a contact's
// conversation is.
import type { Agent, DeskTopic, PrismaClient } from "../../core/infra/db.ts";
import { parseTicketNumber } from "./desk.commands.ts";

/** "Budi Santoso (helpdesk)". */
export const agentLabel = (agent: Pick<Agent, "name" | "role">) =>
  `${agent.name} (${agent.role.toLowerCase()})`;

/** The active agent with this Telegram user id, else null. */
export async function agentOf(prisma: PrismaClient, telegramUserId: number): Promise<Agent | null> {
  const agent = await prisma.agent.findUnique({
    where: { telegramUserId: BigInt(telegramUserId) },
  });
  return agent?.active ? agent : null;
}

/** The ticket whose number appears in the words, if any. */
export async function ticketByNumber(prisma: PrismaClient, args: string) {
  const number = parseTicketNumber(args);
  if (!number) return null;
  return prisma.ticket.findUnique({ where: { number } });
}

/** Where a contact's conversation is: its open chat topic, else its newest open ticket. */
export async function openCaseOf(
  prisma: PrismaClient,
  contactId: string,
): Promise<{ chat: DeskTopic } | { ticketId: string } | null> {
  const chat = await prisma.deskTopic.findFirst({
    where: { contactId, kind: "CHAT", open: true },
    orderBy: { createdAt: "desc" },
  });
  if (chat) return { chat };
  const ticket = await prisma.ticket.findFirst({
    where: { contactId, status: { notIn: ["SELESAI", "DITUTUP", "DITOLAK", "DIBATALKAN"] } },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return ticket ? { ticketId: ticket.id } : null;
}
