// The application's services, built once per process from the configuration
// and the runtime's connections, and handed to channels and workers.

import { readFile } from "node:fs/promises";
import type { Queue } from "bullmq";
import { Gauge, type Registry } from "prom-client";
import { withFloodGuard } from "../app/flood-guard.ts";
import { createInboundHandler, type InboundHandler } from "../app/handle-inbound.ts";
import { createTicketWorkflow, type TicketWorkflow } from "../app/ticket-workflow.ts";
import type { Config } from "../config.ts";
import type { QueueName } from "../contracts/queues.ts";
import {
  type ConversationSettings,
  createDecider,
  resolveConversationSettings,
} from "../domain/conversation/index.ts";
import { DEFAULT_ROUTING_CONFIG } from "../domain/routing/routing.defaults.ts";
import { parseRoutingConfig } from "../domain/routing/routing.rules.ts";
import type { RoutingConfig } from "../domain/routing/routing.schema.ts";
import {
  type BusinessCalendar,
  parseBusinessCalendar,
} from "../domain/sla/business-calendar.schema.ts";
import { DEFAULT_SLA_POLICY } from "../domain/sla/sla.policy.ts";
import { DEFAULT_LIFECYCLE_POLICY } from "../domain/ticket/ticket.policy.ts";
import { type Cipher, createCipher } from "./crypto.ts";
import { loadKeyring } from "./keyring.ts";
import type { Logger } from "./logger.ts";
import { createRateLimiter } from "./rate-limit.ts";
import type { Runtime } from "./runtime.ts";

export interface Services {
  cipher: Cipher;
  settings: ConversationSettings;
  queueFor: (name: QueueName) => Queue;
  inbound: InboundHandler;
  workflow: TicketWorkflow;
  /** Letterhead, letter numbering and signer of the generated documents. */
  documents: Config["documents"];
}

/**
 * The office calendar: BUSINESS_CALENDAR_FILE (hours per weekday, holidays,
 * special days) if set, plus the HOLIDAYS list. A bad file stops start-up.
 */
export async function businessCalendar(config: Config): Promise<BusinessCalendar> {
  const file = config.workflow.calendarFile
    ? (JSON.parse(await readFile(config.workflow.calendarFile, "utf8")) as { holidays?: string[] })
    : {};
  const holidays = [...new Set([...(file.holidays ?? []), ...config.workflow.holidays])];
  const parsed = parseBusinessCalendar({ ...file, holidays });
  if (!parsed.ok)
    throw new Error(`${config.workflow.calendarFile ?? "HOLIDAYS"}: ${parsed.error.message}`);
  return parsed.value;
}

/** The shipped routing table, or the one in ROUTING_RULES_FILE; a bad file stops start-up. */
export async function routingConfig(config: Config): Promise<RoutingConfig> {
  if (!config.workflow.routingRulesFile) return DEFAULT_ROUTING_CONFIG;
  const parsed = parseRoutingConfig(
    JSON.parse(await readFile(config.workflow.routingRulesFile, "utf8")),
  );
  if (!parsed.ok) throw new Error(`${config.workflow.routingRulesFile}: ${parsed.error.message}`);
  return parsed.value;
}

/** helpdesk_inbound_messages{state}: a burst queued at the inbound gate shows here. */
function registerBacklogGauge(registry: Registry, inbound: Pick<InboundHandler, "backlog">) {
  registry.registerMetric(
    new Gauge({
      name: "helpdesk_inbound_messages",
      help: "Inbound messages being decided (active) and waiting at the gate (waiting), in this process",
      labelNames: ["state"],
      collect() {
        const { active, waiting } = inbound.backlog();
        this.set({ state: "active" }, active);
        this.set({ state: "waiting" }, waiting);
      },
    }),
  );
}

export function conversationSettings(config: Config): ConversationSettings {
  return resolveConversationSettings({
    officeEmail: config.helpdesk.officeEmail,
    openingHours: config.helpdesk.openingHours,
    draftReminderAfterMs: config.helpdesk.draftReminderAfterMs,
    draftExpiryAfterMs: config.helpdesk.draftExpiryAfterMs,
    maxUploadBytes: config.helpdesk.mediaMaxBytes,
    // Told to users who ask what we hold ("data saya").
    retentionAttachmentDays: config.retention.attachmentDays,
    retentionPersonalDays: config.retention.personalDataDays,
  });
}

export async function createServices(opts: {
  config: Config;
  logger: Logger;
  runtime: Runtime;
}): Promise<Services> {
  const { config, logger, runtime } = opts;
  const cipher = createCipher(await loadKeyring(config, logger));
  const settings = conversationSettings(config);
  const queueFor = runtime.queueFor;
  // Every channel gets its handler from here, so every channel is flood-guarded.
  const inbound = withFloodGuard(
    createInboundHandler({
      prisma: runtime.db.prisma,
      cipher,
      decide: createDecider(settings),
      settings,
      queueFor,
      logger,
      maxConcurrent: config.inboundConcurrency,
      maxQueued: config.inboundQueueMax,
    }),
    {
      limiter: createRateLimiter({
        redis: runtime.redis,
        cipher,
        prefix: config.queuePrefix,
        burst: config.rateLimit.burst,
        perMinute: config.rateLimit.perMinute,
      }),
      prisma: runtime.db.prisma,
      cipher,
      queueFor,
      logger,
      maxUploadBytes: settings.maxUploadBytes,
    },
  );
  registerBacklogGauge(runtime.registry, inbound);
  const workflow = createTicketWorkflow({
    prisma: runtime.db.prisma,
    cipher,
    queueFor,
    logger,
    calendar: await businessCalendar(config),
    slaPolicy: DEFAULT_SLA_POLICY,
    lifecyclePolicy: DEFAULT_LIFECYCLE_POLICY,
    routing: await routingConfig(config),
  });
  return { cipher, settings, queueFor, inbound, workflow, documents: config.documents };
}
