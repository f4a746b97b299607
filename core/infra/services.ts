// The application's services, built once per process from the configuration
// and the runtime's connections, and handed to channels and workers.

import { readFile } from "node:fs/promises";
import type { Queue } from "bullmq";
import { Gauge, type Registry } from "prom-client";
import { withFloodGuard } from "../app/flood-guard.ts";
import { createInboundHandler, type InboundHandler } from "../app/handle-inbound.ts";
import { type KnowledgeBase, startKnowledgeBase } from "../app/knowledge-base.ts";
import { liveDecider } from "../app/live-decider.ts";
import { readUnboundPolicy } from "../app/rotate-keys.ts";
import { createTicketWorkflow, type TicketWorkflow } from "../app/ticket-workflow.ts";
import type { Config } from "../config.ts";
import type { QueueName } from "../contracts/queues.ts";
import {
  type ConversationSettings,
  resolveConversationSettings,
} from "../domain/conversation/index.ts";
import { DEFAULT_ROUTING_CONFIG } from "../domain/routing/routing.defaults.ts";
import { parseRoutingConfig } from "../domain/routing/routing.rules.ts";
import type { RoutingConfig } from "../domain/routing/routing.schema.ts";
import {
  type BusinessCalendar,
  DEFAULT_BUSINESS_CALENDAR,
} from "../domain/sla/business-calendar.schema.ts";
import { DEFAULT_SLA_POLICY } from "../domain/sla/sla.policy.ts";
import { DEFAULT_LIFECYCLE_POLICY } from "../domain/ticket/ticket.policy.ts";
import { businessCalendar, calendarWarnings } from "./business-calendar.config.ts";
import {
  type CalendarProvider,
  calendarChannel,
  startCalendarProvider,
} from "./calendar-provider.ts";
import { type Cipher, createCipher } from "./crypto.ts";
import type { Binding } from "./crypto-format.ts";
import { loadKeyring } from "./keyring.ts";
import { SHIPPED_ARTICLES_DIR } from "./knowledge/article-files.ts";
import type { Logger } from "./logger.ts";
import { createRateLimiter } from "./rate-limit.ts";
import { createRedis } from "./redis.ts";
import type { Runtime } from "./runtime.ts";
import { readCalendarOverrides } from "./stores/calendar.store.ts";

export interface Services {
  cipher: Cipher;
  settings: ConversationSettings;
  queueFor: (name: QueueName) => Queue;
  inbound: InboundHandler;
  workflow: TicketWorkflow;
  /** Letterhead, letter numbering and signer of the generated documents. */
  documents: Config["documents"];
  /**
   * The office's working time and holidays: the files' calendar with the
   * console's changes, kept current in this process (close it on shutdown).
   */
  calendar: CalendarProvider;
  /** Help articles; null when SELF_SERVICE_ENABLED=false. */
  knowledge: KnowledgeBase | null;
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

/** Unbound (pre-binding) boxes are still read until keys:rotate ran: said once per column. */
function warnOncePerColumn(logger: Logger) {
  const told = new Set<string>();
  return (where: Binding) => {
    const column = `${where.table}.${where.column}`;
    if (told.has(column)) return;
    told.add(column);
    logger.warn({ column }, "Opened a box not bound to its row; run `npm run keys:rotate`");
  };
}

/** The engine's settings; `calendar` is the office's (businessCalendar), the default without. */
export function conversationSettings(
  config: Config,
  calendar: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR,
): ConversationSettings {
  return resolveConversationSettings({
    officeEmail: config.helpdesk.officeEmail,
    ...(config.helpdesk.openingHours ? { openingHours: config.helpdesk.openingHours } : {}),
    calendar,
    // Agents answer chats only where the desk runs: a bot and its agents group.
    agentDesk: config.telegram.token !== undefined && config.telegram.agentChatId !== undefined,
    handoffAnswerMinutes: DEFAULT_SLA_POLICY.helpdeskMinutes,
    handoffReceiptQuietMs: config.helpdesk.handoffReceiptQuietMs,
    complaintResponseDays: config.helpdesk.complaintResponseDays,
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
  const cipher = createCipher(await loadKeyring(config, logger), {
    unbound: await readUnboundPolicy(runtime.db.prisma),
    onUnbound: warnOncePerColumn(logger),
  });
  const calendar = await startCalendarProvider({
    base: await businessCalendar(config),
    load: () => readCalendarOverrides(runtime.db.prisma),
    logger,
    refreshMs: config.workflow.calendarRefreshMs,
    publisher: runtime.redis,
    subscriber: createRedis(config.redis, "worker"),
    channel: calendarChannel(config.queuePrefix),
  });
  for (const warning of calendarWarnings(calendar.current(), new Date())) {
    logger.warn({ setting: "HOLIDAYS" }, warning);
  }
  runtime.health.addWarnings(() => calendarWarnings(calendar.current(), new Date()));
  const settings = conversationSettings(config, calendar.current());
  const queueFor = runtime.queueFor;
  const knowledge = config.selfService.enabled
    ? await startKnowledgeBase({
        prisma: runtime.db.prisma,
        dir: config.selfService.articlesDir ?? SHIPPED_ARTICLES_DIR,
        render: { settings, officeAddress: config.documents.officeAddress },
        logger,
      })
    : null;
  // Every channel gets its handler from here, so every channel is flood-guarded.
  const inbound = withFloodGuard(
    createInboundHandler({
      prisma: runtime.db.prisma,
      cipher,
      decide: liveDecider(
        calendar,
        (now) => conversationSettings(config, now),
        knowledge ? { articles: knowledge.finder } : {},
      ),
      settings,
      queueFor,
      logger,
      maxConcurrent: config.inboundConcurrency,
      maxQueued: config.inboundQueueMax,
      busy: config.inboundBusy,
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
    calendar,
    slaPolicy: DEFAULT_SLA_POLICY,
    lifecyclePolicy: DEFAULT_LIFECYCLE_POLICY,
    routing: await routingConfig(config),
  });
  return {
    cipher,
    settings,
    queueFor,
    inbound,
    workflow,
    documents: config.documents,
    calendar,
    knowledge,
  };
}
