// The bot process: channels, the inbound pipeline and outbound senders. With
// `--all`, or on the embedded database (one process may hold PGlite), it runs
// the workers in-process too.
import { boot } from "../core/infra/boot.ts";
import type { ChannelState } from "../core/infra/health-server.ts";
import { agentAlertsWorker } from "../workers/agent-alerts.worker.ts";
import { startBot } from "./start-bot.ts";
import { createTelegramAgentNotifier } from "./telegram/agent-notifier.ts";
import { createTelegramChannel, type TelegramChannel } from "./telegram/telegram.channel.ts";

await boot("bot", async ({ config, logger, lifecycle }) => {
  const allInOne = process.argv.includes("--all") || config.database.kind === "embedded";
  let telegram: TelegramChannel | undefined;
  const channelStates = (): Record<string, ChannelState> => ({
    telegram: telegram
      ? telegram.state()
      : { state: "disabled", detail: "TELEGRAM_BOT_TOKEN is not set" },
    whatsapp: { state: "disabled", detail: "not built yet" },
  });
  const { runtime } = await startBot({
    config,
    logger,
    lifecycle,
    allInOne,
    http: true,
    channelStates,
    // The channel exists only once the services do; until then (and in
    // polling mode) /telegram/webhook answers 404.
    routes: [(req, res) => telegram?.webhookRoute(req, res) ?? false],
    channels: (services) => {
      const token = config.telegram.token;
      if (!token) return [];
      telegram = createTelegramChannel({
        token,
        apiRoot: config.telegram.apiRoot,
        inbound: services.inbound,
        logger,
        maxDownloadBytes: config.telegram.maxDownloadBytes,
        pollTimeoutSeconds: config.telegram.pollTimeoutSeconds,
        globalRatePerSecond: config.telegram.globalRatePerSecond,
        chatIntervalMs: config.telegram.chatIntervalMs,
        ...(config.telegram.mode === "webhook" && config.telegram.webhook
          ? { webhook: config.telegram.webhook }
          : {}),
      });
      return [telegram.channel];
    },
  });
  if (telegram) {
    const channel = telegram;
    channel.registerMetrics(runtime.registry);
    // Registered last so it closes first: no new updates once shutdown begins.
    if (config.telegram.agentChatId) {
      // The alerts worker has no dead-letter hook: an alert about a dead
      // alert could loop while Telegram is unreachable.
      const alerts = agentAlertsWorker({
        prisma: runtime.db.prisma,
        notifier: createTelegramAgentNotifier({
          api: channel.bot.api,
          agentChatId: config.telegram.agentChatId,
          ...(config.telegram.supervisorChatId
            ? { supervisorChatId: config.telegram.supervisorChatId }
            : {}),
        }),
      })({
        connection: runtime.workerRedis,
        prefix: config.queuePrefix,
        logger,
        metrics: runtime.queueMetrics,
      });
      lifecycle.onClose("agent alerts", () => alerts.close());
    } else {
      logger.warn(
        "TELEGRAM_AGENT_CHAT_ID is not set: SLA alerts and complaints wait in the agent-alerts queue",
      );
    }
    lifecycle.onClose("telegram", () => channel.stop());
    await channel.start();
  }
  logger.info(
    {
      database: config.database.kind,
      roles: allInOne ? ["bot", "workers"] : ["bot"],
      channels: { telegram: telegram ? telegram.mode : "off", whatsapp: "off" },
    },
    "LPSE Landak helpdesk bot is running",
  );
});
