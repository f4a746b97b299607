// The `history.view` audit of the console's ticket page (docs/console.md,
// "Live updates"). Every ordinary opening is audited. A live refresh (the
// page's script fetching it again on an event, marked by LIVE_REFRESH_HEADER)
// is audited only when this agent's view of this ticket has not been audited
// within VIEW_AUDIT_WINDOW_MS, so an open tab does not write a row per change
// yet a tab kept open for hours still leaves one now and then. The header
// can only ever spare a row while a recent one exists: forging it hides
// nothing.
import type { PrismaClient } from "../../core/infra/db.ts";
import { recordAudit } from "../../core/infra/stores/audit.store.ts";

/** Sent by bot/web/assets/langsung.js on its refetch; any other value is an ordinary GET. */
export const LIVE_REFRESH_HEADER = "x-konsol-langsung";
export const VIEW_AUDIT_WINDOW_MS = 30 * 60_000;

export async function auditTicketView(
  prisma: PrismaClient,
  view: { agentId: string; ticketId: string; contactId: string | null; live: boolean; at: Date },
): Promise<void> {
  const { agentId, ticketId, at } = view;
  if (view.live) {
    const recent = await prisma.auditLog.findFirst({
      where: {
        ticketId,
        action: "history.view",
        actorType: "AGENT",
        actorId: agentId,
        at: { gt: new Date(at.getTime() - VIEW_AUDIT_WINDOW_MS), lte: at },
      },
      select: { id: true },
    });
    if (recent) return;
  }
  // Notes may name the citizen: the desk audits opening the history, so does the page.
  await recordAudit(prisma, {
    actor: { type: "AGENT", agentId },
    action: "history.view",
    ticketId,
    contactId: view.contactId,
    detail: { via: "console", ...(view.live ? { live: true } : {}) },
    at,
  });
}
