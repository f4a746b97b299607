// Wiring of the WhatsApp channel into the bot process (bot/main.ts).
import type { Config } from "../../core/config.ts";
import { QUEUE } from "../../core/contracts/queues.ts";
import type { Lifecycle } from "../../core/infra/lifecycle.ts";
import type { Logger } from "../../core/infra/logger.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import type { Services } from "../../core/infra/services.ts";
import type { OutboundSenders } from "../outbound.ts";
import { createWhatsappAlerter } from "./whatsapp.alerts.ts";
import { createWhatsappChannel, type WhatsappChannel } from "./whatsapp.channel.ts";
import { fetchBaileysVersion } from "./whatsapp.version.ts";

/** The Redis key of the single-holder lock of one session. */
export const whatsappLockKey = (queuePrefix: string, sessionId: string) =>
  `${queuePrefix}:whatsapp:${sessionId}:lock`;

export function whatsappForBot(deps: {
  config: Config;
  logger: Logger;
  services: Services;
  runtime: Runtime;
}): WhatsappChannel {
  const { config, logger, services, runtime } = deps;
  return createWhatsappChannel({
    prisma: runtime.db.prisma,
    cipher: services.cipher,
    redis: runtime.redis,
    lockKey: whatsappLockKey(config.queuePrefix, config.whatsapp.sessionId),
    inbound: services.inbound,
    logger,
    sessionId: config.whatsapp.sessionId,
    pairingNumber: config.whatsapp.pairingNumber,
    maxDownloadBytes: config.helpdesk.mediaMaxBytes,
    downloadTimeoutMs: config.helpdesk.mediaDownloadTimeoutMs,
    chatIntervalMs: config.whatsapp.chatIntervalMs,
    globalRatePerSecond: config.whatsapp.globalRatePerSecond,
    adminToken: config.adminToken,
    fetchVersion: fetchBaileysVersion,
    alert: createWhatsappAlerter({
      prisma: runtime.db.prisma,
      queueFor: services.queueFor,
      logger,
    }),
  });
}

/**
 * Starts the channel. Its outbound sender only takes jobs while the socket is
 * open: a job taken meanwhile would burn one of its retries for nothing.
 */
export function startWhatsapp(deps: {
  whatsapp: WhatsappChannel;
  runtime: Runtime;
  senders: OutboundSenders;
  lifecycle: Lifecycle;
}): void {
  const { whatsapp, runtime, senders, lifecycle } = deps;
  whatsapp.registerMetrics(runtime.registry);
  const sender = senders.workers.find((w) => w.name === QUEUE.outboundWhatsapp);
  if (sender) {
    const follow = (open: boolean) => {
      if (open && sender.isPaused()) void sender.resume();
      else if (!open && !sender.isPaused()) void sender.pause(true);
    };
    follow(false);
    whatsapp.onState((state) => follow(state.phase === "open"));
  }
  lifecycle.onClose("whatsapp", () => whatsapp.stop());
  whatsapp.start();
}
