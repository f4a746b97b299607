import type { Logger } from "./logger.ts";

type Closer = () => Promise<void> | void;

export interface Lifecycle {
  /** Registers something to close; closers run in reverse order of registration. */
  onClose(name: string, close: Closer): void;
  /** Closes everything once; later calls wait for the same run. */
  shutdown(reason: string): Promise<void>;
  /** Installs SIGINT/SIGTERM handlers that shut down once, then exit. */
  handleSignals(): void;
}

export function createLifecycle(logger: Logger, timeoutMs: number): Lifecycle {
  const closers: { name: string; close: Closer }[] = [];
  let running: Promise<void> | undefined;

  async function closeAll(reason: string) {
    logger.info({ reason }, "Shutting down");
    for (const { name, close } of [...closers].reverse()) {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          Promise.resolve().then(close),
          new Promise((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`timed out after ${timeoutMs} ms`)),
              timeoutMs,
            );
          }),
        ]);
        logger.debug({ name }, "Closed");
      } catch (err) {
        logger.error({ err, name }, "Failed to close cleanly");
      } finally {
        clearTimeout(timer);
      }
    }
    logger.info("Stopped");
  }

  const lifecycle: Lifecycle = {
    onClose(name, close) {
      closers.push({ name, close });
    },
    shutdown(reason) {
      running ??= closeAll(reason);
      return running;
    },
    handleSignals() {
      for (const signal of ["SIGINT", "SIGTERM"] as const) {
        process.on(signal, () => {
          if (running) {
            logger.warn({ signal }, "Already shutting down");
            return;
          }
          void lifecycle.shutdown(signal).finally(() => process.exit(0));
        });
      }
    },
  };
  return lifecycle;
}
