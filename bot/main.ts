// The bot process: channels, the inbound pipeline and outbound senders. With
// `--all`, or on the embedded database (one process may hold PGlite), it runs
// the workers in-process too.
import { boot } from "../core/infra/boot.ts";
import type { ChannelState } from "../core/infra/health-server.ts";
import { createTelegramInbox } from "../core/infra/stores/telegram-inbox.store.ts";
import { agentAlertsWorker } from "./agent-alerts.worker.ts";
import { startAgentDesk } from "./agent-desk/start-desk.ts";
import { startBot } from "./start-bot.ts";
import { createTelegramAgentNotifier } from "./telegram/agent-notifier.ts";
import { createTelegramChannel, type TelegramChannel } from "./telegram/telegram.channel.ts";
import type { WhatsappChannel } from "./whatsapp/whatsapp.channel.ts";

await boot("bot", async ({ config, logger, lifecycle }) => {
  const allInOne = process.argv.includes("--all") || config.database.kind === "embedded";
  let telegram: TelegramChannel | undefined;
  let whatsapp: WhatsappChannel | undefined;
  // Baileys is large: loaded only when the channel is switched on.
  const whatsappModule = config.whatsapp.enabled
    ? await import("./whatsapp/whatsapp.start.ts")
    : undefined;
  const channelStates = (): Record<string, ChannelState> => ({
    telegram: telegram
      ? telegram.state()
      : { state: "disabled", detail: "TELEGRAM_BOT_TOKEN is not set" },
    whatsapp: whatsapp
      ? whatsapp.state()
      : { state: "disabled", detail: "WHATSAPP_ENABLED is not true" },
  });
  const { runtime, services, senders } = await startBot({
    config,
    logger,
    lifecycle,
    allInOne,
    http: true,
    channelStates,
    // The channel exists only once the services do: looked up on each use.
    whatsappLink: {
      view: () => whatsapp?.pairingView() ?? null,
      logout: () => whatsapp?.logout() ?? Promise.resolve(false),
    },
    // The channel exists only once the services do; until then (and in
    // polling mode) /telegram/webhook answers 404.
    routes: [
      (req, res) => telegram?.webhookRoute(req, res) ?? false,
      (req, res) => whatsapp?.route(req, res) ?? false,
    ],
    channels: (services, runtime) => {
      if (whatsappModule) {
        whatsapp = whatsappModule.whatsappForBot({ config, logger, services, runtime });
      }
      const others = whatsapp ? [whatsapp.channel] : [];
      const token = config.telegram.token;
      if (!token) return others;
      telegram = createTelegramChannel({
        token,
        apiRoot: config.telegram.apiRoot,
        inbound: services.inbound,
        inbox: createTelegramInbox(runtime.db.prisma, services.cipher),
        logger,
        // Citizens' files: never more than MEDIA_MAX_BYTES is read, whatever Telegram allows.
        maxDownloadBytes: Math.min(config.telegram.maxDownloadBytes, config.helpdesk.mediaMaxBytes),
        downloadTimeoutMs: config.helpdesk.mediaDownloadTimeoutMs,
        pollTimeoutSeconds: config.telegram.pollTimeoutSeconds,
        globalRatePerSecond: config.telegram.globalRatePerSecond,
        chatIntervalMs: config.telegram.chatIntervalMs,
        // Telegram allows about 20 messages a minute into one group: a sliding
        // window with headroom, live conversation before new tickets' posting.
        ...(config.telegram.agentChatId
          ? {
              groupBudgets: {
                [config.telegram.agentChatId]: { perWindow: config.desk.groupMessagesPerMinute },
              },
            }
          : {}),
        ...(config.telegram.mode === "webhook" && config.telegram.webhook
          ? { webhook: config.telegram.webhook }
          : {}),
      });
      return [telegram.channel, ...others];
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
      await startAgentDesk({
        config,
        logger,
        lifecycle,
        runtime,
        services,
        telegram: channel,
        chatId: config.telegram.agentChatId,
      });
    } else {
      logger.warn(
        "TELEGRAM_AGENT_CHAT_ID is not set: SLA alerts and complaints wait in the agent-alerts queue",
      );
    }
    lifecycle.onClose("telegram", () => channel.stop());
    await channel.start();
  }
  if (whatsapp) whatsappModule?.startWhatsapp({ whatsapp, runtime, senders, lifecycle });
  logger.info(
    {
      database: config.database.kind,
      roles: allInOne ? ["bot", "workers"] : ["bot"],
      channels: { telegram: telegram ? telegram.mode : "off", whatsapp: whatsapp ? "on" : "off" },
    },
    "LPSE Landak helpdesk bot is running",
  );
});
