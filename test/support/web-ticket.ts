// A routed ticket for the web console's ticket page, with one of each thing
// its timeline shows: what the citizen sent the agents, an agent's reply, an
// internal note and a service-time reminder, a minute apart from `at` in an
// order unlike the one they are read in (note, reminder, reply, citizen),
// and a KTP and a screenshot on file; and the steps of that page.
import { recordRelay } from "../../core/app/desk-relay.ts";
import type { TicketWorkflow } from "../../core/app/ticket-workflow.ts";
import type { Database } from "../../core/infra/db.ts";
import { recordAudit } from "../../core/infra/stores/audit.store.ts";
import { addDeskNote } from "../../core/infra/stores/desk-notes.store.ts";
import { queueUserMessage } from "../../core/infra/stores/outbound.store.ts";
import { newTicket, testCipher } from "./app.ts";
import { attachFile } from "./attachments.ts";
import { type ConsoleBrowser, postForm } from "./console-session.ts";

export const KTP_BYTES = Buffer.from("ktp-foto-percobaan");

export async function ticketWithTimeline(
  db: Database,
  workflow: Pick<TicketWorkflow, "routeTicket">,
  at: Date,
  texts: { citizen: string; reply: string; note: string },
  draft: Parameters<typeof newTicket>[2] = {},
) {
  const minute = (n: number) => new Date(at.getTime() + n * 60_000);
  const ticket = await newTicket(db, minute(-60), draft);
  await workflow.routeTicket(ticket.ticketId);
  const { prisma } = db;
  const contact = await prisma.contact.findUniqueOrThrow({ where: { id: ticket.contactId } });
  const agent = await prisma.agent.findFirstOrThrow({ where: { role: "HELPDESK" } });
  const relay = await prisma.$transaction((tx) =>
    recordRelay(tx, testCipher, contact, {
      content: { kind: "text", text: texts.citizen },
      ticketNumber: ticket.number,
    }),
  );
  await prisma.deskRelay.update({
    where: { id: relay?.relayId ?? "" },
    data: { createdAt: minute(4) },
  });
  await prisma.$transaction(async (tx) => {
    const queued = await queueUserMessage(tx, testCipher, contact, {
      kind: "text",
      text: texts.reply,
    });
    await recordAudit(tx, {
      actor: { type: "AGENT", agentId: agent.id },
      action: "reply.send",
      ticketId: ticket.ticketId,
      contactId: contact.id,
      detail: { outboundMessageId: queued.messageId, length: texts.reply.length },
      at: minute(3),
    });
  });
  const noteId = await addDeskNote(prisma, testCipher, {
    ticketId: ticket.ticketId,
    contactId: contact.id,
    agentId: agent.id,
    text: texts.note,
  });
  await prisma.deskNote.update({ where: { id: noteId }, data: { createdAt: minute(1) } });
  await prisma.ticket.update({
    where: { id: ticket.ticketId },
    data: { slaRemindedAt: minute(2) },
  });
  const ktpId = await attachFile(db, ticket, "KTP", KTP_BYTES);
  const screenshotId = await attachFile(db, ticket, "SCREENSHOT", Buffer.from("tangkapan-layar"));
  return { ...ticket, ktpId, screenshotId };
}

/** The console's page of ticket `number`. */
export const ticketPage = (number: string) => `/konsol/tiket/${number}`;

/** A step of the ticket page (`path` below it: ambil, balas, surat/terbitkan…), with its CSRF token. */
export function ticketStep(b: ConsoleBrowser, number: string, path: string, form = {}) {
  return postForm(b, ticketPage(number), `${ticketPage(number)}/${path}`, form);
}

/** The ticket's audit entries of `action`, oldest first. */
export function ticketAudits(db: Database, action: string, ticketId: string) {
  return db.prisma.auditLog.findMany({ where: { action, ticketId }, orderBy: { at: "asc" } });
}
