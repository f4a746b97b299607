// The bot process: channels, the inbound pipeline and outbound senders. With
// `--all`, or on the embedded database (one process may hold PGlite), it runs
// the workers in-process too.
import { boot } from "../core/infra/boot.ts";
import type { ChannelState } from "../core/infra/health-server.ts";
import { listenHealth, startRuntime } from "../core/infra/runtime.ts";
import { startWorkers } from "../workers/start-workers.ts";

await boot("bot", async ({ config, logger, lifecycle }) => {
  const allInOne = process.argv.includes("--all") || config.database.kind === "embedded";
  const channels = (): Record<string, ChannelState> => ({
    telegram: { state: "disabled", detail: "not configured in this version" },
    whatsapp: { state: "disabled", detail: "not configured in this version" },
  });
  const runtime = await startRuntime({ config, logger, lifecycle, migrate: allInOne, channels });
  if (allInOne) {
    const workers = await startWorkers({
      prisma: runtime.db.prisma,
      connection: runtime.workerRedis,
      prefix: config.queuePrefix,
      logger,
    });
    lifecycle.onClose("workers", () => workers.close());
  }
  await listenHealth(runtime, config, logger, lifecycle);
  logger.info(
    { database: config.database.kind, roles: allInOne ? ["bot", "workers"] : ["bot"] },
    "LPSE Landak helpdesk bot is running",
  );
});
