// WhatsApp link alerts for the agents group, through the outbox like every
// other job: written first, then published (the relay retries a failed publish).
import { QUEUE } from "../../core/contracts/queues.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import { addOutbox, publishOutbox, type QueueFor } from "../../core/infra/stores/outbox.store.ts";

export interface WhatsappAlert {
  state: "logged-out" | "replaced" | "reconnecting" | "banned" | "bad-session";
  failures?: number;
  at: Date;
}

export type WhatsappAlerter = (alert: WhatsappAlert) => Promise<void>;

export function createWhatsappAlerter(deps: {
  prisma: PrismaClient;
  queueFor: QueueFor;
  logger: Logger;
}): WhatsappAlerter {
  return async (alert) => {
    const id = await addOutbox(deps.prisma, QUEUE.agentAlerts, "whatsapp.state", {
      type: "whatsapp-state",
      state: alert.state,
      ...(alert.failures !== undefined ? { failures: alert.failures } : {}),
      at: alert.at.toISOString(),
    });
    await publishOutbox(deps.prisma, deps.queueFor, { ids: [id] }).catch((err: unknown) =>
      deps.logger.warn({ err }, "WhatsApp alert not published yet; the outbox relay will retry"),
    );
  };
}
