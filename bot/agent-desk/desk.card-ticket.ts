// The ticket as its card shows it: the row, its assignee and documents, and
// the applicant's sealed details opened.
import type { Cipher } from "../../core/infra/crypto.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import { openTicketApplicant } from "../../core/infra/stores/ticket-applicant.ts";
import type { CardTicket } from "./desk.card.ts";

export async function loadCardTicket(
  prisma: PrismaClient,
  cipher: Cipher,
  ticketId: string,
): Promise<CardTicket | null> {
  const t = await prisma.ticket.findUnique({
    where: { id: ticketId },
    include: {
      assignee: { select: { name: true } },
      attachments: {
        where: { purgedAt: null },
        select: { kind: true },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!t) return null;
  const applicant = openTicketApplicant(cipher, t);
  return {
    id: t.id,
    number: t.number,
    category: t.category,
    status: t.status,
    priority: t.priority,
    team: t.team,
    channel: t.channel,
    language: t.language,
    applicantName: applicant.name ?? "-",
    nik: applicant.nik,
    phone: applicant.phone,
    role: t.role,
    organisation: t.organisation,
    email: applicant.email,
    tenderCode: t.tenderCode,
    bidDeadline: t.bidDeadline,
    actingForOther: t.actingForOther,
    description: applicant.description ?? "-",
    lkppTicketNumber: t.lkppTicketNumber,
    slaStage: t.slaStage,
    slaDueAt: t.slaDueAt,
    slaPausedAt: t.slaPausedAt,
    createdAt: t.createdAt,
    assigneeName: t.assignee?.name ?? null,
    documents: t.attachments.map((a) => a.kind),
  };
}
