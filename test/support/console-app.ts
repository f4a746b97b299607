// The whole app (all in one process, `startBot`) with the console channel as
// its only channel, as tests drive it: type a line, read what the bot printed.
import { PassThrough } from "node:stream";
import { createConsoleChannel } from "../../bot/console/console.channel.ts";
import { startBot } from "../../bot/start-bot.ts";
import type { Config } from "../../core/config.ts";
import type { Lifecycle } from "../../core/infra/lifecycle.ts";
import type { Logger } from "../../core/infra/logger.ts";

export async function startConsoleApp(opts: {
  config: Config;
  logger: Logger;
  lifecycle: Lifecycle;
  externalId: string;
}) {
  let screen = "";
  const output = new PassThrough();
  output.on("data", (d) => {
    screen += d;
  });
  let chat: ReturnType<typeof createConsoleChannel> | undefined;
  const { runtime, services } = await startBot({
    config: opts.config,
    logger: opts.logger,
    lifecycle: opts.lifecycle,
    allInOne: true,
    http: false,
    channelStates: () => ({}),
    channels: (s) => {
      chat = createConsoleChannel({
        input: new PassThrough(),
        output,
        externalId: opts.externalId,
        inbound: s.inbound,
      });
      return [chat.channel];
    },
  });
  const console = chat;
  if (!console) throw new Error("the console channel was not created");
  return {
    runtime,
    services,
    /** Everything the bot printed so far. */
    screen: () => screen,
    /** Types a line and returns what the bot answered to it. */
    async say(line: string): Promise<string> {
      const before = screen.length;
      await console.typed(line);
      return screen.slice(before);
    },
  };
}
