// Starts the agent desk in the bot process when TELEGRAM_AGENT_CHAT_ID is set:
// the group's updates go to the desk, and its queues are consumed here.

import { decideDeletion } from "../../core/app/privacy.ts";
import type { Config } from "../../core/config.ts";
import type { Lifecycle } from "../../core/infra/lifecycle.ts";
import type { Logger } from "../../core/infra/logger.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import type { Services } from "../../core/infra/services.ts";
import type { TelegramChannel } from "../telegram/telegram.channel.ts";
import { downloadFile } from "../telegram/telegram.media.ts";
import { createAgentDesk } from "./agent-desk.ts";
import { deskArticles } from "./desk.articles.ts";
import { complaintCommands } from "./desk.complaints.ts";
import { createDeskDocuments } from "./desk.documents.ts";
import { createDeskErasure } from "./desk.erasure.ts";
import { createStrangerNotice } from "./desk.stranger-notice.ts";
import { seedTemplatesAtStart } from "./desk.templates.ts";
import { deskBulkWorker, deskWorker, handoffWorker } from "./desk.worker.ts";

export async function startAgentDesk(opts: {
  config: Config;
  logger: Logger;
  lifecycle: Lifecycle;
  runtime: Runtime;
  services: Services;
  telegram: TelegramChannel;
  chatId: string;
}) {
  const { config, runtime, services } = opts;
  const api = opts.telegram.bot.api;
  const { calendar } = services;
  await seedTemplatesAtStart(runtime.db.prisma, config.desk.templatesFile);
  const documents = createDeskDocuments({
    documentDeps: {
      prisma: runtime.db.prisma,
      cipher: services.cipher,
      queueFor: services.queueFor,
      logger: opts.logger,
      documents: config.documents,
    },
    api,
    chatId: opts.chatId,
    redis: runtime.redis,
    keyPrefix: config.queuePrefix,
    calendar,
  });
  const privacy = {
    prisma: runtime.db.prisma,
    cipher: services.cipher,
    queueFor: services.queueFor,
    logger: opts.logger,
  };
  const desk = createAgentDesk({
    prisma: runtime.db.prisma,
    cipher: services.cipher,
    api,
    chatId: opts.chatId,
    workflow: services.workflow,
    inbound: services.inbound,
    queueFor: services.queueFor,
    logger: opts.logger,
    calendar,
    redis: runtime.redis,
    keyPrefix: config.queuePrefix,
    signature: config.desk.signature,
    ktpViewMinutes: config.desk.ktpViewMinutes,
    ...(config.telegram.supervisorChatId
      ? { bootstrapSupervisorId: config.telegram.supervisorChatId }
      : {}),
    maxFileBytes: config.telegram.maxDownloadBytes,
    strangerNotice: createStrangerNotice({ redis: runtime.redis, prefix: config.queuePrefix }),
    async downloadFile(fileId) {
      const download = await downloadFile({
        api,
        apiRoot: config.telegram.apiRoot,
        token: config.telegram.token ?? "",
        fileId,
        maxBytes: config.telegram.maxDownloadBytes,
        timeoutMs: config.helpdesk.mediaDownloadTimeoutMs,
      });
      return download.ok ? download.bytes : null;
    },
    extraCommands: {
      ...documents.commands,
      ...deskArticles(runtime, services),
      ...complaintCommands(privacy),
    },
    decideLetter: documents.decideLetter,
    async decideDeletion(input) {
      const decision = await decideDeletion(privacy, input);
      return decision.type === "approved" || decision.type === "rejected"
        ? "done"
        : "already decided";
    },
  });
  opts.telegram.setGroupHandler(desk.handleUpdate);
  const workerDeps = {
    connection: runtime.workerRedis,
    prefix: config.queuePrefix,
    logger: opts.logger,
    metrics: runtime.queueMetrics,
  };
  const erasure = createDeskErasure({
    prisma: runtime.db.prisma,
    api,
    chatId: opts.chatId,
    logger: opts.logger,
  });
  const workers = [
    deskWorker(desk, erasure)(workerDeps),
    deskBulkWorker(desk, erasure)(workerDeps),
    handoffWorker(desk)(workerDeps),
  ];
  opts.lifecycle.onClose("agent desk", async () => {
    await Promise.all(workers.map((w) => w.close()));
  });
  return desk;
}
