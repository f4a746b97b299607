// What `npm start`, `npm run start:bot` and `npm run chat` share: the runtime,
// the services, the outbound senders for the channels this process holds and,
// when it runs alone (embedded database or --all), the workers.

import { startWorkers } from "../core/app/jobs/start-workers.ts";
import type { Config } from "../core/config.ts";
import type { ChannelState, Route } from "../core/infra/health-server.ts";
import type { Lifecycle } from "../core/infra/lifecycle.ts";
import type { Logger } from "../core/infra/logger.ts";
import { listenHealth, type Runtime, startRuntime } from "../core/infra/runtime.ts";
import { createServices, type Services } from "../core/infra/services.ts";
import { openTicketChanges } from "../core/infra/ticket-changes.ts";
import type { OutboundChannel } from "../core/ports/channel.port.ts";
import { seedTemplatesAtStart } from "./agent-desk/desk.templates.ts";
import { createEmailChannel } from "./email/email.channel.ts";
import { type OutboundSenders, startOutboundSenders } from "./outbound.ts";
import { type ConsoleDeps, consolePlugin } from "./web/console.plugin.ts";

export async function startBot(opts: {
  config: Config;
  logger: Logger;
  lifecycle: Lifecycle;
  allInOne: boolean;
  http: boolean;
  channelStates: () => Record<string, ChannelState>;
  /** Built once the services exist (channels need the inbound handler). */
  channels: (services: Services, runtime: Runtime) => OutboundChannel[];
  /** The WhatsApp channel's side for the console's /konsol/whatsapp (resolved late). */
  whatsappLink?: ConsoleDeps["whatsapp"];
  /** Extra HTTP routes (a channel's webhook); they may resolve their handler later. */
  routes?: Route[];
}): Promise<{ runtime: Runtime; services: Services; senders: OutboundSenders }> {
  const { config, logger, lifecycle, allInOne } = opts;
  const runtime = await startRuntime({
    config,
    logger,
    lifecycle,
    migrate: allInOne,
    channels: opts.channelStates,
    ...(opts.routes ? { routes: opts.routes } : {}),
  });
  const services = await createServices({ config, logger, runtime });
  lifecycle.onClose("help articles", () => services.knowledge?.close());
  lifecycle.onClose("office calendar", () => services.calendar.close());
  const shared = {
    prisma: runtime.db.prisma,
    connection: runtime.workerRedis,
    prefix: config.queuePrefix,
    logger,
    metrics: runtime.queueMetrics,
    lockMs: config.workerLockMs,
  };
  if (allInOne) {
    const workers = await startWorkers({
      ...shared,
      services,
      slaEvents: runtime.slaEvents,
      retention: config.retention,
    });
    lifecycle.onClose("workers", () => workers.close());
  }
  const senders = await startOutboundSenders({
    ...shared,
    services,
    channels: [
      ...opts.channels(services, runtime),
      // Applicants who chose e-mail on a ticket filed in the console.
      ...(config.console.smtp ? [createEmailChannel(config.console.smtp)] : []),
    ],
  });
  lifecycle.onClose("channels", () => senders.close());
  if (opts.http) {
    // The console's live updates: one LISTEN connection for this process.
    const changes = await openTicketChanges(runtime.db, logger);
    lifecycle.onClose("console live updates", () => changes.close());
    // The office's web console (/konsol) on the same server; docs/console.md.
    // Its canned answers page needs the table filled even without the desk.
    await seedTemplatesAtStart(runtime.db.prisma, config.desk.templatesFile);
    runtime.health.app.register(
      consolePlugin({
        prisma: runtime.db.prisma,
        cipher: services.cipher,
        calendar: services.calendar,
        knowledge: services.knowledge,
        redis: runtime.redis,
        prefix: config.queuePrefix,
        logger,
        now: () => new Date(),
        workflow: services.workflow,
        changes,
        queueFor: services.queueFor,
        intake: services.settings,
        signature: config.desk.signature,
        settings: config.console,
        documents: config.documents,
        whatsapp: opts.whatsappLink,
      }),
    );
    await listenHealth(runtime, config, logger, lifecycle);
  }
  return { runtime, services, senders };
}
