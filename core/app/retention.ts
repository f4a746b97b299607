// The retention schedule of UU 27/2022: documents are kept only as long as the
// request needs them, personal fields a while longer (for complaints and
// audits), message bodies and chats briefly, statistics for good. The purge
// itself is the one erasure uses (purge.ts, driven by personal-data.ts);
// what it purged is logged and audited.
import type { Cipher } from "../infra/crypto.ts";
import type { PrismaClient } from "../infra/db.ts";
import { recordAudit } from "../infra/stores/audit.store.ts";
import { finishErasures } from "./privacy-erasure.ts";
import { expireAll, type PurgeCounts, type PurgeStep, type RetentionCutoffs } from "./purge.ts";

export interface RetentionPolicy {
  attachmentDays: number;
  personalDataDays: number;
  /** Sent message bodies, desk relays, idle chats, unhandled updates, dead letters. */
  messageDays: number;
  orphanHours: number;
}

export interface RetentionReport {
  /** Documents of closed tickets whose bytes were erased. */
  attachmentsPurged: number;
  /** Files sent in drafts that never became a ticket, deleted. */
  orphanFilesDeleted: number;
  /** Closed tickets whose personal fields were blanked. */
  ticketsAnonymised: number;
  /** Everything each purge step did. */
  purged: PurgeCounts;
  /** Approved erasures whose final notice has gone out, finished. */
  erasuresFinished: number;
}

const DAY_MS = 24 * 3600_000;

export function retentionCutoffs(policy: RetentionPolicy, now: Date): RetentionCutoffs {
  const before = (ms: number) => new Date(now.getTime() - ms);
  return {
    now,
    attachments: before(policy.attachmentDays * DAY_MS),
    personal: before(policy.personalDataDays * DAY_MS),
    messages: before(policy.messageDays * DAY_MS),
    orphans: before(policy.orphanHours * 3600_000),
  };
}

export async function applyRetention(
  deps: { prisma: PrismaClient; cipher: Cipher; extraSteps?: readonly PurgeStep[] },
  policy: RetentionPolicy,
  now: Date,
): Promise<RetentionReport> {
  const erasuresFinished = await finishErasures(deps, now);
  const purged = await expireAll(
    { tx: deps.prisma, cipher: deps.cipher, now },
    retentionCutoffs(policy, now),
    deps.extraSteps,
  );
  await recordAudit(deps.prisma, {
    actor: { type: "SYSTEM", name: "retention" },
    action: "purge.retention",
    detail: { ...purged, erasuresFinished },
    at: now,
  });
  return {
    attachmentsPurged: purged.documents ?? 0,
    orphanFilesDeleted: purged.orphanFiles ?? 0,
    ticketsAnonymised: purged.tickets ?? 0,
    purged,
    erasuresFinished,
  };
}
