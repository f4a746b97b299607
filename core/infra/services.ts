// The application's services, built once per process from the configuration
// and the runtime's connections, and handed to channels and workers.
import type { Queue } from "bullmq";
import { createInboundHandler, type InboundHandler } from "../app/handle-inbound.ts";
import type { Config } from "../config.ts";
import type { QueueName } from "../contracts/queues.ts";
import {
  type ConversationSettings,
  createDecider,
  resolveConversationSettings,
} from "../domain/conversation/index.ts";
import { type Cipher, createCipher } from "./crypto.ts";
import { loadKeyring } from "./keyring.ts";
import type { Lifecycle } from "./lifecycle.ts";
import type { Logger } from "./logger.ts";
import { createQueue } from "./queues.ts";
import type { Runtime } from "./runtime.ts";

export interface Services {
  cipher: Cipher;
  settings: ConversationSettings;
  queueFor: (name: QueueName) => Queue;
  inbound: InboundHandler;
}

export function conversationSettings(config: Config): ConversationSettings {
  return resolveConversationSettings({
    officeEmail: config.helpdesk.officeEmail,
    openingHours: config.helpdesk.openingHours,
    draftReminderAfterMs: config.helpdesk.draftReminderAfterMs,
    draftExpiryAfterMs: config.helpdesk.draftExpiryAfterMs,
    maxUploadBytes: config.helpdesk.mediaMaxBytes,
  });
}

export async function createServices(opts: {
  config: Config;
  logger: Logger;
  lifecycle: Lifecycle;
  runtime: Runtime;
}): Promise<Services> {
  const { config, logger, lifecycle, runtime } = opts;
  const cipher = createCipher(await loadKeyring(config, logger));
  const settings = conversationSettings(config);
  const queues = new Map<QueueName, Queue>();
  const queueFor = (name: QueueName) => {
    let queue = queues.get(name);
    if (!queue) {
      queue = createQueue(name, { connection: runtime.redis, prefix: config.queuePrefix });
      queues.set(name, queue);
    }
    return queue;
  };
  lifecycle.onClose("queues", async () => {
    await Promise.all([...queues.values()].map((q) => q.close()));
  });
  const inbound = createInboundHandler({
    prisma: runtime.db.prisma,
    cipher,
    decide: createDecider(settings),
    settings,
    queueFor,
    logger,
  });
  return { cipher, settings, queueFor, inbound };
}
