// Starts the agent desk in the bot process when TELEGRAM_AGENT_CHAT_ID is set:
// the group's updates go to the desk, and its queues are consumed here.
import type { Config } from "../../core/config.ts";
import type { Lifecycle } from "../../core/infra/lifecycle.ts";
import type { Logger } from "../../core/infra/logger.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import { businessCalendar, type Services } from "../../core/infra/services.ts";
import type { TelegramChannel } from "../telegram/telegram.channel.ts";
import { type AgentDeskDeps, createAgentDesk } from "./agent-desk.ts";
import { loadDeskTemplates } from "./desk.templates.ts";
import { deskWorker, handoffWorker } from "./desk.worker.ts";

export async function startAgentDesk(opts: {
  config: Config;
  logger: Logger;
  lifecycle: Lifecycle;
  runtime: Runtime;
  services: Services;
  telegram: TelegramChannel;
  chatId: string;
  extra?: Pick<AgentDeskDeps, "decideDeletion" | "extraCommands">;
}) {
  const { config, runtime, services } = opts;
  const desk = createAgentDesk({
    prisma: runtime.db.prisma,
    cipher: services.cipher,
    api: opts.telegram.bot.api,
    chatId: opts.chatId,
    workflow: services.workflow,
    inbound: services.inbound,
    queueFor: services.queueFor,
    logger: opts.logger,
    calendar: await businessCalendar(config),
    signature: config.desk.signature,
    templates: await loadDeskTemplates(config.desk.templatesFile),
    ...(config.telegram.supervisorChatId
      ? { bootstrapSupervisorId: config.telegram.supervisorChatId }
      : {}),
    ...opts.extra,
  });
  opts.telegram.setGroupHandler(desk.handleUpdate);
  const workerDeps = {
    connection: runtime.workerRedis,
    prefix: config.queuePrefix,
    logger: opts.logger,
    metrics: runtime.queueMetrics,
  };
  const workers = [deskWorker(desk)(workerDeps), handoffWorker(desk)(workerDeps)];
  opts.lifecycle.onClose("agent desk", async () => {
    await Promise.all(workers.map((w) => w.close()));
  });
  return desk;
}
