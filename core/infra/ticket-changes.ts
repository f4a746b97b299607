// Which ticket just changed, for the web console's live updates: one LISTEN
// per process on the channel the database's triggers notify after a commit
// (prisma/migrations/20261206205100_console_live_notify), fanned out in
// memory to whoever subscribed. A change carries the ticket's id and its
// kind only — never personal data.
import type { Database } from "./db.ts";
import type { Logger } from "./logger.ts";

export const TICKET_CHANGE_KINDS = ["tiket", "status", "pesan", "catatan", "balasan"] as const;
export type TicketChangeKind = (typeof TICKET_CHANGE_KINDS)[number];
export interface TicketChange {
  ticketId: string;
  kind: TicketChangeKind;
}

export interface TicketChanges {
  /** Returns the function that unsubscribes. */
  subscribe(onChange: (change: TicketChange) => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = "konsol_tiket";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;

function parse(payload: string): TicketChange | null {
  const [ticketId = "", kind = ""] = payload.split(" ");
  if (!UUID.test(ticketId)) return null;
  if (!(TICKET_CHANGE_KINDS as readonly string[]).includes(kind)) return null;
  return { ticketId, kind: kind as TicketChangeKind };
}

export async function openTicketChanges(
  db: Pick<Database, "listen">,
  logger: Pick<Logger, "warn" | "error">,
): Promise<TicketChanges> {
  const subscribers = new Set<(change: TicketChange) => void>();
  const stop = await db.listen(
    CHANNEL,
    (payload) => {
      const change = parse(payload);
      if (!change) return;
      for (const s of subscribers) {
        try {
          s(change);
        } catch (err) {
          logger.error({ err }, "A ticket-change subscriber failed");
        }
      }
    },
    (err) => logger.warn({ err }, "Ticket-change listener lost its connection; reconnecting"),
  );
  return {
    subscribe(onChange) {
      subscribers.add(onChange);
      return () => subscribers.delete(onChange);
    },
    async close() {
      subscribers.clear();
      await stop();
    },
  };
}
