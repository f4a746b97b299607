import type { DestinationStream } from "pino";
import { type Config, ConfigError, loadConfig, loadDotEnv } from "../config.ts";
import { DatabaseInUseError } from "./data-dir-lock.ts";
import { createLifecycle, type Lifecycle } from "./lifecycle.ts";
import { createLogger, type Logger } from "./logger.ts";

/**
 * The frame of every process: parse the configuration (a bad one stops here
 * with the full list of problems), build the logger and lifecycle, install
 * signal handlers, run `start`, and on a start-up failure close what was opened
 * and exit non-zero.
 */
export async function boot(
  name: string,
  start: (ctx: { config: Config; logger: Logger; lifecycle: Lifecycle }) => Promise<void>,
  logDestination?: (config: Config) => DestinationStream,
): Promise<void> {
  // Nothing this service writes (database files, the private Redis's AOF,
  // keys, logs) is for other users of the machine.
  process.umask(0o077);
  let config: Config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger({ level: config.logLevel, name }, logDestination?.(config));
  const lifecycle = createLifecycle(logger, config.shutdownTimeoutMs);
  lifecycle.handleSignals();
  try {
    await start({ config, logger, lifecycle });
  } catch (err) {
    logger.fatal({ err }, "Start-up failed");
    // A refusal the person at the terminal must read, also when the logs go
    // to a file (`npm run chat` writes them to DATA_DIR/chat.log).
    if (err instanceof DatabaseInUseError || logDestination) {
      console.error(err instanceof Error ? err.message : String(err));
    }
    await lifecycle.shutdown("start-up failed");
    process.exit(1);
  }
}
