// Wakes idle conversations when their draft is due a reminder or expiry: each
// conversation stores when it next needs a look (`wake_at`); this sweep hands
// the engine a timeout event at that time. The dedupe key makes a sweep that
// runs twice (two worker processes, a retry) deliver it once.

import type { Cipher } from "../../infra/crypto.ts";
import type { PrismaClient } from "../../infra/db.ts";
import type { Logger } from "../../infra/logger.ts";
import { contactExternalId } from "../../infra/stores/contact.store.ts";
import type { InboundHandler } from "../handle-inbound.ts";

export function createTimeoutSweep(deps: {
  prisma: PrismaClient;
  cipher: Cipher;
  inbound: InboundHandler;
  logger: Logger;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const log = deps.logger.child({ component: "conversation-timeouts" });

  async function runOnce(limit = 100): Promise<number> {
    const due = await deps.prisma.conversation.findMany({
      where: { wakeAt: { lte: now() } },
      orderBy: { wakeAt: "asc" },
      take: limit,
      include: { contact: true },
    });
    let delivered = 0;
    for (const row of due) {
      if (!row.wakeAt) continue;
      try {
        const outcome = await deps.inbound.deliver(
          {
            channel: row.contact.channel,
            sender: { externalId: contactExternalId(deps.cipher, row.contact) },
          },
          { type: "timeout", at: now().toISOString() },
          `timeout:${row.id}:${row.wakeAt.toISOString()}`,
        );
        if (outcome.type === "handled") delivered++;
        // Already delivered for this wake time and the engine set no new one:
        // stop looking at it rather than fetch it on every pass.
        if (outcome.type === "duplicate") {
          await deps.prisma.conversation.updateMany({
            where: { id: row.id, wakeAt: row.wakeAt },
            data: { wakeAt: null },
          });
        }
      } catch (err) {
        // One conversation that cannot be woken must not hold up the others.
        log.error({ err, conversationId: row.id }, "Could not deliver a draft timeout");
      }
    }
    if (delivered > 0) log.info({ delivered }, "Delivered draft timeouts");
    return delivered;
  }

  return { runOnce };
}

export function startTimeoutSweep(
  sweep: ReturnType<typeof createTimeoutSweep>,
  logger: Logger,
  intervalMs = 30_000,
) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const loop = () => {
    running = sweep
      .runOnce()
      .catch((err) => logger.warn({ err }, "Timeout sweep failed"))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, intervalMs);
      });
  };
  timer = setTimeout(loop, intervalMs);
  return {
    async close() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
