// `npm run chat`: talk to the bot in the terminal as a citizen. Runs the whole
// product in this process (workers included) on the configured database and
// Redis; logs go to DATA_DIR/chat.log so the chat stays readable.
import { userInfo } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { boot } from "../../core/infra/boot.ts";
import { startBot } from "../start-bot.ts";
import { createConsoleChannel } from "./console.channel.ts";

await boot(
  "chat",
  async ({ config, logger, lifecycle }) => {
    const as = process.argv.find((a) => a.startsWith("--as="))?.slice(5) ?? userInfo().username;
    let consoleChannel: ReturnType<typeof createConsoleChannel> | undefined;
    await startBot({
      config,
      logger,
      lifecycle,
      allInOne: true,
      http: false,
      channelStates: () => ({ console: { state: "connected" } }),
      channels: (services) => {
        consoleChannel = createConsoleChannel({
          input: process.stdin,
          output: process.stdout,
          externalId: `console:${as}`,
          displayName: as,
          inbound: services.inbound,
        });
        return [consoleChannel.channel];
      },
    });
    await consoleChannel?.run();
    await lifecycle.shutdown("chat ended");
    process.exit(0);
  },
  (config) =>
    pino.destination({ dest: path.join(config.dataDir, "chat.log"), mkdir: true, sync: false }),
);
