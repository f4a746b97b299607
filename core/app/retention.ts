// The retention schedule of UU 27/2022: documents are kept only as long as the
// request needs them, personal fields a while longer (for complaints and
// audits), statistics for good. Each purge is reported.
import type { PrismaClient } from "../infra/db.ts";

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
const REMOVED = "[dihapus]";

export async function applyRetention(
  prisma: PrismaClient,
  policy: RetentionPolicy,
  now: Date,
): Promise<RetentionReport> {
  const attachmentCutoff = new Date(now.getTime() - policy.attachmentDays * DAY_MS);
  // The row stays (kind, size, hash: what was received); the bytes and the
  // key that could open them go.
  const purged = await prisma.attachment.updateMany({
    where: { purgedAt: null, ticket: { closedAt: { lt: attachmentCutoff } } },
    data: { data: null, storageKey: null, wrappedKey: new Uint8Array(0), purgedAt: now },
  });
  const orphans = await prisma.attachment.deleteMany({
    where: {
      ticketId: null,
      createdAt: { lt: new Date(now.getTime() - policy.orphanHours * 3600_000) },
    },
  });
  const personalCutoff = new Date(now.getTime() - policy.personalDataDays * DAY_MS);
  const anonymised = await prisma.ticket.updateMany({
    where: { anonymisedAt: null, closedAt: { lt: personalCutoff } },
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
  return {
    attachmentsPurged: purged.count,
    orphanFilesDeleted: orphans.count,
    ticketsAnonymised: anonymised.count,
  };
}
