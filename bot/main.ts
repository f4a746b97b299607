// The bot process: channels, the inbound pipeline and outbound senders. With
// `--all`, or on the embedded database (one process may hold PGlite), it runs
// the workers in-process too.
import { boot } from "../core/infra/boot.ts";
import type { ChannelState } from "../core/infra/health-server.ts";
import { startBot } from "./start-bot.ts";

await boot("bot", async ({ config, logger, lifecycle }) => {
  const allInOne = process.argv.includes("--all") || config.database.kind === "embedded";
  const channelStates = (): Record<string, ChannelState> => ({
    telegram: { state: "disabled", detail: "not configured in this version" },
    whatsapp: { state: "disabled", detail: "not configured in this version" },
  });
  await startBot({
    config,
    logger,
    lifecycle,
    allInOne,
    http: true,
    channelStates,
    channels: () => [],
  });
  logger.info(
    { database: config.database.kind, roles: allInOne ? ["bot", "workers"] : ["bot"] },
    "LPSE Landak helpdesk bot is running",
  );
});
