// The WhatsApp Web version the socket announces. Baileys ships one, and
// WhatsApp refuses versions that grew too old (the socket then closes and
// reconnects forever), so the current one is asked for at start; offline, or
// when the answer does not come in time, Baileys' built-in one is used.
import { fetchLatestBaileysVersion, type WAVersion } from "@whiskeysockets/baileys";
import type { Logger } from "../../core/infra/logger.ts";

export type FetchVersion = () => Promise<{
  version: WAVersion;
  isLatest: boolean;
  error?: unknown;
}>;

/** Baileys' own look-up (it answers with the built-in version when it cannot fetch). */
export const fetchBaileysVersion: FetchVersion = () => fetchLatestBaileysVersion();

const isVersion = (value: unknown): value is WAVersion =>
  Array.isArray(value) &&
  value.length === 3 &&
  value.every((n) => Number.isInteger(n) && (n as number) >= 0);

/**
 * The version to connect with, or undefined for Baileys' built-in one. Never
 * throws and never waits longer than `timeoutMs`.
 */
export async function resolveWaVersion(deps: {
  fetchVersion: FetchVersion;
  timeoutMs: number;
  logger: Logger;
}): Promise<WAVersion | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), deps.timeoutMs);
  });
  try {
    const answer = await Promise.race([deps.fetchVersion(), timeout]);
    if (answer === null) {
      deps.logger.warn("WhatsApp Web version not fetched in time; using the built-in one");
      return undefined;
    }
    if (!answer.isLatest || !isVersion(answer.version)) {
      deps.logger.warn("WhatsApp Web version not fetched; using the built-in one");
      return undefined;
    }
    deps.logger.info({ version: answer.version.join(".") }, "WhatsApp Web version");
    return answer.version;
  } catch (err) {
    deps.logger.warn({ err }, "WhatsApp Web version not fetched; using the built-in one");
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
