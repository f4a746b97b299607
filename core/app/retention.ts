// The retention schedule of UU 27/2022: documents are kept only as long as the
// request needs them, personal fields a while longer (for complaints and
// audits), statistics for good. Each purge is reported.
import type { Prisma, PrismaClient } from "../infra/db.ts";
import type { Tx } from "../infra/stores/tx.ts";

export interface RetentionPolicy {
  attachmentDays: number;
  personalDataDays: number;
  orphanHours: number;
}

export interface RetentionReport {
  /** Documents of closed tickets whose bytes were erased. */
  attachmentsPurged: number;
  /** Files sent in drafts that never became a ticket, deleted. */
  orphanFilesDeleted: number;
  /** Closed tickets whose personal fields were blanked. */
  ticketsAnonymised: number;
}

const DAY_MS = 24 * 3600_000;
/** What stands where personal text was erased. */
export const REMOVED = "[dihapus]";

/**
 * Erases the bytes of the matching documents. The row stays (kind, size,
 * hash: what was received); the bytes, the key that could open them and the
 * caption written with them go.
 * Shared by the retention job and a user's erasure request.
 */
export async function purgeAttachmentData(
  tx: Tx,
  where: Prisma.AttachmentWhereInput,
  now: Date,
): Promise<number> {
  const { count } = await tx.attachment.updateMany({
    where: { ...where, purgedAt: null },
    data: {
      data: null,
      storageKey: null,
      wrappedKey: new Uint8Array(0),
      captionEnc: null,
      purgedAt: now,
    },
  });
  return count;
}

/**
 * Blanks the personal fields of the matching tickets; category, status,
 * dates and the service-time columns stay for statistics. Shared by the
 * retention job and a user's erasure request.
 */
export async function anonymiseTickets(
  tx: Tx,
  where: Prisma.TicketWhereInput,
  now: Date,
): Promise<number> {
  const { count } = await tx.ticket.updateMany({
    where: { ...where, anonymisedAt: null },
    data: {
      applicantName: REMOVED,
      nikEnc: null,
      nikHash: null,
      phoneEnc: null,
      email: null,
      organisation: null,
      // The request text is the user's own words and may name people.
      description: REMOVED,
      anonymisedAt: now,
    },
  });
  return count;
}

export async function applyRetention(
  prisma: PrismaClient,
  policy: RetentionPolicy,
  now: Date,
): Promise<RetentionReport> {
  const attachmentCutoff = new Date(now.getTime() - policy.attachmentDays * DAY_MS);
  const purged = await purgeAttachmentData(
    prisma,
    { ticket: { closedAt: { lt: attachmentCutoff } } },
    now,
  );
  const orphans = await prisma.attachment.deleteMany({
    where: {
      ticketId: null,
      createdAt: { lt: new Date(now.getTime() - policy.orphanHours * 3600_000) },
    },
  });
  const personalCutoff = new Date(now.getTime() - policy.personalDataDays * DAY_MS);
  const anonymised = await anonymiseTickets(prisma, { closedAt: { lt: personalCutoff } }, now);
  return {
    attachmentsPurged: purged,
    orphanFilesDeleted: orphans.count,
    ticketsAnonymised: anonymised,
  };
}
