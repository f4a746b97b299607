// A ticket an agent files for a citizen who came in person or wrote an
// e-mail (the web console's /konsol/tiket/baru). It is filed by the chat
// intake's own store call (createTicket: number, sealed answers, the
// `ticket.created` job that routes it, starts its clocks and opens its desk
// topic), for the citizen's WhatsApp contact (their phone number), so every
// later notification takes the usual outbound path. The files are checked by
// their bytes and stored sealed as chat media are (storeMedia).
import type { WalkInDraft } from "../domain/conversation/index.ts";
import type { Cipher } from "../infra/crypto.ts";
import type { PrismaClient } from "../infra/db.ts";
import { recordAudit } from "../infra/stores/audit.store.ts";
import { resolveContact } from "../infra/stores/contact.store.ts";
import { type StoredMediaResult, storeMedia } from "../infra/stores/media.store.ts";
import { createTicket } from "../infra/stores/ticket.store.ts";
import type { TicketWorkflow } from "./ticket-workflow.ts";

export type WalkInSource = "WALK_IN" | "EMAIL";
export type WalkInFileKind = "KTP" | "SURAT_KUASA" | "REQUEST_LETTER" | "SCREENSHOT";

export interface WalkInFile {
  kind: WalkInFileKind;
  bytes: Uint8Array;
}

export interface WalkInDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  workflow: Pick<TicketWorkflow, "publish">;
  now: () => Date;
  maxFileBytes: number;
}

export type WalkInOutcome =
  | { ok: true; ticketId: string; number: string }
  /** A file that is not one we take (by its bytes), too large, or a PDF with active content. */
  | { ok: false; file: number; reason: Exclude<StoredMediaResult, { ok: true }>["reason"] };

export type WalkInNotify = "WHATSAPP" | "EMAIL";

/**
 * Whom the ticket's notices go to: the WhatsApp contact of the mobile number
 * (`+628…` as the channel names it, `628…@s.whatsapp.net`), or the e-mail
 * contact of the address (sent by the e-mail channel, bot/email/).
 */
function recipient(draft: WalkInDraft, notify: WalkInNotify) {
  return notify === "EMAIL"
    ? { channel: "EMAIL" as const, sender: { externalId: draft.email } }
    : {
        channel: "WHATSAPP" as const,
        sender: { externalId: `${draft.phone.slice(1)}@s.whatsapp.net`, phone: draft.phone },
      };
}

export async function fileWalkInTicket(
  deps: WalkInDeps,
  input: {
    agentId: string;
    source: WalkInSource;
    notify: WalkInNotify;
    draft: WalkInDraft;
    files: readonly WalkInFile[];
  },
): Promise<WalkInOutcome> {
  const { prisma, cipher } = deps;
  const to = recipient(input.draft, input.notify);
  const contact = await resolveContact(prisma, cipher, to.channel, to.sender);
  const stored: { mediaId: string; kind: WalkInFileKind }[] = [];
  for (const [index, file] of input.files.entries()) {
    const result = await storeMedia(prisma, cipher, {
      contactId: contact.id,
      bytes: file.bytes,
      maxBytes: deps.maxFileBytes,
    });
    // Files already stored stay unclaimed (ticketId null); the retention job removes them.
    if (!result.ok) return { ok: false, file: index, reason: result.reason };
    stored.push({ mediaId: result.mediaId, kind: file.kind });
  }
  const at = deps.now();
  const created = await prisma.$transaction(async (tx) => {
    const ticket = await createTicket(
      tx,
      cipher,
      contact,
      {
        ...input.draft,
        attachments: stored.flatMap(({ mediaId, kind }) =>
          kind === "REQUEST_LETTER" ? [] : [{ mediaId, kind }],
        ),
      },
      at,
      { agentId: input.agentId, source: input.source },
    );
    const letters = stored.filter((s) => s.kind === "REQUEST_LETTER").map((s) => s.mediaId);
    if (letters.length > 0) {
      await tx.attachment.updateMany({
        where: { id: { in: letters }, contactId: contact.id, ticketId: null },
        data: { ticketId: ticket.ticketId, kind: "REQUEST_LETTER" },
      });
    }
    await recordAudit(tx, {
      actor: { type: "AGENT", agentId: input.agentId },
      action: "ticket.filed_by_agent",
      ticketId: ticket.ticketId,
      contactId: contact.id,
      detail: { source: input.source, notify: input.notify, files: stored.length, via: "console" },
      at,
    });
    return ticket;
  });
  await deps.workflow.publish([created.outboxId]);
  return { ok: true, ticketId: created.ticketId, number: created.number };
}
