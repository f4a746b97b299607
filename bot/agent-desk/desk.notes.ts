// Internal notes ("// …", /catatan) and the case's history (/riwayat, the
// card's 🕘 Riwayat): a note is kept sealed with the ticket (or the chat) and
// confirmed in the topic; the history lists status changes and notes, oldest
// first, for every agent. Opening it is audited: notes may name the citizen.

import { priorityLabel, teamLabel } from "../../core/content/desk-labels.content.ts";
import { DESK_TEXT } from "../../core/content/messages/desk.messages.ts";
import { GUIDED_TEXT } from "../../core/content/messages/desk-guided.messages.ts";
import { formatWibDateTime } from "../../core/domain/shared/wib-time.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { Agent, DeskTopic, PrismaClient } from "../../core/infra/db.ts";
import { recordAudit } from "../../core/infra/stores/audit.store.ts";
import { addDeskNote, listDeskNotes } from "../../core/infra/stores/desk-notes.store.ts";
import type { Tx } from "../../core/infra/stores/tx.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import { statusLabel } from "./desk.card.ts";
import type { DeskTopics } from "./desk.topics.ts";

/**
 * Keeps a note sealed and audits it (`note.add`), in the caller's transaction:
 * the desk's "// …" and /catatan, and the console's "Catatan internal" (`via`).
 */
export async function saveDeskNote(
  tx: Tx,
  cipher: Cipher,
  agentId: string,
  topic: Pick<DeskTopic, "ticketId" | "contactId">,
  text: string,
  via?: "console",
) {
  const noteId = await addDeskNote(tx, cipher, {
    ticketId: topic.ticketId,
    contactId: topic.contactId,
    agentId,
    text,
  });
  await recordAudit(tx, {
    actor: { type: "AGENT", agentId },
    action: "note.add",
    ticketId: topic.ticketId,
    contactId: topic.contactId,
    detail: { noteId, length: text.length, ...(via ? { via } : {}) },
  });
  return noteId;
}

/** The routing worker's event (ticket-workflow.ts): which team and priority it chose. */
function routedTo(data: unknown): { team: string; priority: string } | null {
  const d = data as { command?: unknown; team?: unknown; priority?: unknown } | null;
  return d?.command === "ROUTE" && typeof d.team === "string" && typeof d.priority === "string"
    ? { team: d.team, priority: d.priority }
    : null;
}

/** Room under Telegram's 4096 for the header and the "older lines" remark. */
const HISTORY_CHARS = 3800;

export function createDeskNotes(deps: {
  prisma: PrismaClient;
  cipher: Cipher;
  topics: Pick<DeskTopics, "say">;
}) {
  const { prisma, cipher, topics } = deps;
  const e = escapeHtml;

  /** Keeps the note; `claim` is the update's dedupe key, taken in the same transaction. */
  async function add(agent: Agent, topic: DeskTopic, text: string, claim?: string) {
    if (!text) {
      await topics.say(topic, e(GUIDED_TEXT.noteEmpty));
      return;
    }
    await prisma.$transaction(async (tx) => {
      if (claim)
        await tx.processedMessage.create({ data: { channel: "TELEGRAM", messageId: claim } });
      await saveDeskNote(tx, cipher, agent.id, topic, text);
    });
    await topics.say(topic, e(DESK_TEXT.noteSaved));
  }

  /** Plain-text entries (escaped when posted, after cutting). */
  async function historyLines(topic: DeskTopic): Promise<string[]> {
    const agents = new Map(
      (await prisma.agent.findMany({ select: { id: true, name: true } })).map((a) => [
        a.id,
        a.name,
      ]),
    );
    const entries: { at: Date; lines: string[] }[] = [];
    if (topic.ticketId) {
      const events = await prisma.ticketEvent.findMany({
        where: { ticketId: topic.ticketId },
        orderBy: { createdAt: "asc" },
      });
      for (const ev of events) {
        const who =
          ev.actorType === "AGENT"
            ? (agents.get(ev.actorId ?? "") ?? "petugas")
            : ev.actorType === "USER"
              ? "pengguna"
              : "sistem";
        const from = ev.fromStatus ? statusLabel(ev.fromStatus) : "-";
        const routed = routedTo(ev.data);
        entries.push({
          at: ev.createdAt,
          lines: [
            routed
              ? GUIDED_TEXT.historyRouted(teamLabel(routed.team), priorityLabel(routed.priority))
              : GUIDED_TEXT.historyStatus(from, statusLabel(ev.toStatus), who),
            ...(ev.reason ? [GUIDED_TEXT.historyReason(ev.reason)] : []),
          ],
        });
      }
    }
    const notes = await listDeskNotes(
      prisma,
      cipher,
      topic.ticketId ? { ticketId: topic.ticketId } : { contactId: topic.contactId },
    );
    for (const note of notes) {
      const who = agents.get(note.agentId) ?? "petugas";
      entries.push({ at: note.at, lines: [GUIDED_TEXT.historyNote(who, note.text)] });
    }
    entries.sort((a, b) => a.at.getTime() - b.at.getTime());
    return entries.map((entry) =>
      [
        `${formatWibDateTime(entry.at.toISOString())} ${entry.lines[0]}`,
        ...entry.lines.slice(1),
      ].join("\n"),
    );
  }

  /** Posts the history in the topic: the newest lines that fit one message. */
  async function showHistory(agent: Agent, topic: DeskTopic) {
    const ticket = topic.ticketId
      ? await prisma.ticket.findUnique({ where: { id: topic.ticketId }, select: { number: true } })
      : null;
    const what = ticket ? `tiket ${ticket.number}` : "obrolan ini";
    await recordAudit(prisma, {
      actor: { type: "AGENT", agentId: agent.id },
      action: "history.view",
      ticketId: topic.ticketId,
      contactId: topic.contactId,
    });
    const lines = await historyLines(topic);
    if (lines.length === 0) {
      await topics.say(topic, e(GUIDED_TEXT.historyEmpty(what)));
      return;
    }
    const shown: string[] = [];
    let length = 0;
    for (const line of [...lines].reverse()) {
      const cut = line.length > HISTORY_CHARS ? `${line.slice(0, HISTORY_CHARS - 1)}…` : line;
      if (shown.length > 0 && length + cut.length + 1 > HISTORY_CHARS) break;
      shown.unshift(cut);
      length += cut.length + 1;
    }
    const older = lines.length - shown.length;
    await topics.say(
      topic,
      [
        `<b>${e(GUIDED_TEXT.historyHeader(what))}</b>`,
        ...(older > 0 ? [e(GUIDED_TEXT.historyOlder(older))] : []),
        ...shown.map(e),
      ].join("\n"),
    );
  }

  return { add, showHistory };
}

export type DeskNotes = ReturnType<typeof createDeskNotes>;
