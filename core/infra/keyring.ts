import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Config } from "../config.ts";
import { type Keyring, newKeySpec, parseMasterKeys } from "./crypto.ts";
import type { Logger } from "./logger.ts";

const secretsFileSchema = z.object({ masterKeys: z.string(), hashKey: z.string() });

/**
 * The keys from the configuration; outside production, missing ones are made
 * once and kept in DATA_DIR/secrets.json (mode 0600) so a newcomer's
 * `npm start` works and restarts can still read what was stored.
 */
export async function loadKeyring(config: Config, logger: Logger): Promise<Keyring> {
  let { masterKeys, hashKey } = config.secrets;
  if (!masterKeys || !hashKey) {
    const file = path.join(config.dataDir, "secrets.json");
    const stored = await readFile(file, "utf8").then(
      (text) => secretsFileSchema.parse(JSON.parse(text)),
      (err: NodeJS.ErrnoException) => {
        if (err.code === "ENOENT") return null;
        throw err;
      },
    );
    const secrets = stored ?? {
      masterKeys: newKeySpec(),
      hashKey: randomBytes(32).toString("base64"),
    };
    if (!stored) {
      await mkdir(config.dataDir, { recursive: true });
      await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
      logger.warn(
        { file },
        "Generated encryption keys for development; set MASTER_KEYS and HASH_KEY in production",
      );
    }
    masterKeys ??= secrets.masterKeys;
    hashKey ??= secrets.hashKey;
  }
  return { ...parseMasterKeys(masterKeys), hashKey: Buffer.from(hashKey, "base64") };
}
