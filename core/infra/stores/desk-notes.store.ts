// Agents' internal notes ("// …" or /catatan in a topic): the text may name the
// citizen and their case, so it is sealed and bound to its row; erasure and the
// retention schedule delete the rows (core/app/personal-data.ts, "deskNotes").
import { v7 as uuidv7 } from "uuid";
import type { Cipher } from "../crypto.ts";
import { bound } from "../sealed-columns.ts";
import type { Tx } from "./tx.ts";

/** Telegram's message limit leaves room for the history's other lines. */
export const MAX_NOTE_CHARS = 3000;

export interface DeskNoteInput {
  ticketId: string | null;
  contactId: string;
  agentId: string;
  text: string;
}

export interface OpenedDeskNote {
  id: string;
  agentId: string;
  at: Date;
  text: string;
}

export async function addDeskNote(tx: Tx, cipher: Cipher, note: DeskNoteInput): Promise<string> {
  const id = uuidv7();
  await tx.deskNote.create({
    data: {
      id,
      ticketId: note.ticketId,
      contactId: note.contactId,
      agentId: note.agentId,
      bodyEnc: cipher.seal(note.text.slice(0, MAX_NOTE_CHARS), bound("desk_notes.body_enc", id)),
    },
  });
  return id;
}

/** The notes of a ticket, or of a contact's chat when there is no ticket, oldest first. */
export async function listDeskNotes(
  tx: Tx,
  cipher: Cipher,
  where: { ticketId: string } | { contactId: string },
): Promise<OpenedDeskNote[]> {
  const rows = await tx.deskNote.findMany({
    where: "ticketId" in where ? { ticketId: where.ticketId } : { ...where, ticketId: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 200,
  });
  return rows.map((row) => ({
    id: row.id,
    agentId: row.agentId,
    at: row.createdAt,
    text: cipher.openText(Buffer.from(row.bodyEnc), bound("desk_notes.body_enc", row.id)),
  }));
}
