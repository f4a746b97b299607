// What the ticket's own page shows (/konsol/tiket/:nomor): the desk's card
// data (desk.card-ticket.ts, so the page and the Telegram card agree), the
// files, and the case's timeline: status changes, what the citizen sent the
// agents, what agents sent the citizen, internal notes and the service-time
// alarms, oldest first. Opened here, escaped where ticket.page.ts puts it in.
import { slaStageLabel } from "../../core/content/desk-labels.content.ts";
import type { TicketStatus } from "../../core/domain/ticket/ticket.enums.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import { bound } from "../../core/infra/sealed-columns.ts";
import { listDeskNotes } from "../../core/infra/stores/desk-notes.store.ts";
import type { CardTicket } from "../agent-desk/desk.card.ts";
import { documentFileLabels } from "../agent-desk/desk.card.ts";
import { loadCardTicket } from "../agent-desk/desk.card-ticket.ts";

export type TimelineItem =
  | {
      kind: "status";
      at: Date;
      who: string;
      from: TicketStatus | null;
      to: TicketStatus;
      reason: string | null;
      routed: { team: string; priority: string } | null;
    }
  | { kind: "citizen"; at: Date; text: string; attachmentId: string | null }
  | { kind: "agent"; at: Date; who: string; text: string }
  | { kind: "note"; at: Date; who: string; text: string }
  | { kind: "sla"; at: Date; what: "reminder" | "breach"; stage: string };

export interface TicketFile {
  id: string;
  label: string;
  kind: string;
  mime: string;
  size: number;
  at: Date;
  purged: boolean;
}

export interface TicketView {
  card: CardTicket;
  assigneeId: string | null;
  contactId: string;
  /** How the request reached the office (tickets.intake). */
  intake: string;
  files: TicketFile[];
  timeline: TimelineItem[];
}

/** The desk's KTP rule (desk.ktp.ts): the agent handling the ticket, or a supervisor. */
export function mayOpenFile(
  file: Pick<TicketFile, "kind">,
  viewer: { id: string; role: string },
  assigneeId: string | null,
): boolean {
  if (file.kind !== "KTP") return true;
  return viewer.role === "SUPERVISOR" || assigneeId === viewer.id;
}

/** Agent replies the desk sends the citizen, recorded with their send-log row. */
const REPLY_ACTIONS = ["reply.send", "template.send"];

function routedTo(data: unknown): { team: string; priority: string } | null {
  const d = data as { command?: unknown; team?: unknown; priority?: unknown } | null;
  return d?.command === "ROUTE" && typeof d.team === "string" && typeof d.priority === "string"
    ? { team: d.team, priority: d.priority }
    : null;
}

function replyText(cipher: Cipher, row: { id: string; bodyEnc: Uint8Array | null }): string {
  if (!row.bodyEnc) return "(pesan sudah dihapus)";
  const body = JSON.parse(
    cipher.openText(Buffer.from(row.bodyEnc), bound("outbound_messages.body_enc", row.id)),
  ) as { kind?: string; text?: string; caption?: string };
  return body.text ?? body.caption ?? "(berkas)";
}

export async function findTicketId(prisma: PrismaClient, number: string) {
  const row = await prisma.ticket.findUnique({ where: { number }, select: { id: true } });
  return row?.id ?? null;
}

export async function loadTicketView(
  prisma: PrismaClient,
  cipher: Cipher,
  ticketId: string,
): Promise<TicketView | null> {
  const card = await loadCardTicket(prisma, cipher, ticketId);
  const row = await prisma.ticket.findUnique({
    where: { id: ticketId },
    select: {
      assigneeId: true,
      contactId: true,
      intake: true,
      slaStage: true,
      slaRemindedAt: true,
      slaBreachedAt: true,
    },
  });
  if (!card || !row) return null;
  const [agents, events, relays, replies, notes, attachments] = await Promise.all([
    prisma.agent.findMany({ select: { id: true, name: true } }),
    prisma.ticketEvent.findMany({ where: { ticketId }, orderBy: [{ createdAt: "asc" }] }),
    prisma.deskRelay.findMany({ where: { ticketId }, orderBy: [{ createdAt: "asc" }] }),
    prisma.auditLog.findMany({
      where: { ticketId, action: { in: REPLY_ACTIONS } },
      orderBy: [{ at: "asc" }],
    }),
    listDeskNotes(prisma, cipher, { ticketId }),
    prisma.attachment.findMany({ where: { ticketId }, orderBy: [{ createdAt: "asc" }] }),
  ]);
  const names = new Map(agents.map((a) => [a.id, a.name]));
  const agentName = (id: string | null) => names.get(id ?? "") ?? "petugas";
  const timeline: TimelineItem[] = [];
  for (const ev of events) {
    timeline.push({
      kind: "status",
      at: ev.createdAt,
      who:
        ev.actorType === "AGENT"
          ? agentName(ev.actorId)
          : ev.actorType === "USER"
            ? "pengguna"
            : "sistem",
      from: ev.fromStatus,
      to: ev.toStatus,
      reason: ev.reason,
      routed: routedTo(ev.data),
    });
  }
  for (const r of relays) {
    timeline.push({
      kind: "citizen",
      at: r.createdAt,
      text: cipher.openText(Buffer.from(r.bodyEnc), bound("desk_relays.body_enc", r.id)),
      attachmentId: r.attachmentId,
    });
  }
  const sentIds = replies
    .map((a) => (a.detail as { outboundMessageId?: unknown } | null)?.outboundMessageId)
    .filter((id): id is string => typeof id === "string");
  const sent = new Map(
    (await prisma.outboundMessage.findMany({ where: { id: { in: sentIds } } })).map((m) => [
      m.id,
      m,
    ]),
  );
  for (const a of replies) {
    const id = (a.detail as { outboundMessageId?: string } | null)?.outboundMessageId ?? "";
    const message = sent.get(id);
    if (!message) continue;
    timeline.push({
      kind: "agent",
      at: a.at,
      who: agentName(a.actorId),
      text: replyText(cipher, message),
    });
  }
  for (const n of notes) {
    timeline.push({ kind: "note", at: n.at, who: agentName(n.agentId), text: n.text });
  }
  const stage = slaStageLabel(row.slaStage);
  if (row.slaRemindedAt) {
    timeline.push({ kind: "sla", at: row.slaRemindedAt, what: "reminder", stage });
  }
  if (row.slaBreachedAt) {
    timeline.push({ kind: "sla", at: row.slaBreachedAt, what: "breach", stage });
  }
  // Stable: items of the same instant keep the order they were gathered in.
  timeline.sort((a, b) => a.at.getTime() - b.at.getTime());
  const labels = documentFileLabels(attachments.map((a) => a.kind));
  const files = attachments.map((a, i) => ({
    id: a.id,
    label: labels[i]?.label ?? a.kind,
    kind: a.kind,
    mime: a.mime,
    size: a.size,
    at: a.createdAt,
    purged: a.purgedAt !== null,
  }));
  return {
    card,
    assigneeId: row.assigneeId,
    contactId: row.contactId,
    intake: row.intake,
    files,
    timeline,
  };
}
