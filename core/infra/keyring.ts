import { randomBytes, randomUUID } from "node:crypto";
import { link, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Config } from "../config.ts";
import type { Keyring } from "./crypto.ts";
import type { Logger } from "./logger.ts";
import { newKeySpec, parseMasterKeys } from "./master-keys.ts";
import { ensurePrivateDir } from "./private-files.ts";

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
    const secrets = (await readSecrets(file)) ?? (await createSecrets(file, logger));
    masterKeys ??= secrets.masterKeys;
    hashKey ??= secrets.hashKey;
  }
  return { ...parseMasterKeys(masterKeys), hashKey: Buffer.from(hashKey, "base64") };
}

type Secrets = z.infer<typeof secretsFileSchema>;

async function readSecrets(file: string): Promise<Secrets | null> {
  return readFile(file, "utf8").then(
    (text) => secretsFileSchema.parse(JSON.parse(text)),
    (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return null;
      throw err;
    },
  );
}

/**
 * Two first starts at once (`npm start` and `npm run chat`, a supervisor
 * starting several) must not each keep keys of their own. The keys are
 * written whole to a file of this process, then linked into place: link()
 * fails if secrets.json exists, so exactly one process's keys land, nobody
 * reads half a file, and every process then uses what is on disk.
 */
async function createSecrets(file: string, logger: Logger): Promise<Secrets> {
  await ensurePrivateDir(path.dirname(file));
  const mine: Secrets = { masterKeys: newKeySpec(), hashKey: randomBytes(32).toString("base64") };
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temp, JSON.stringify(mine, null, 2), { mode: 0o600, flush: true });
  try {
    await link(temp, file);
    logger.warn(
      { file },
      "Generated encryption keys for development; set MASTER_KEYS and HASH_KEY in production",
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    await unlink(temp).catch(() => {});
  }
  const stored = await readSecrets(file);
  if (!stored) throw new Error(`${file} vanished right after it was created`);
  return stored;
}
