// One process's first start, for keyring.test.ts: it loads its configuration,
// waits for "go" on stdin (so many start at the same instant), loads the key
// ring and prints a fingerprint of it.
import { createHash } from "node:crypto";
import { createInterface } from "node:readline";
import { loadConfig } from "../../core/config.ts";
import { loadKeyring } from "../../core/infra/keyring.ts";
import { createLogger } from "../../core/infra/logger.ts";

const config = loadConfig();
const logger = createLogger({ level: "silent" });
process.stdout.write("READY\n");
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === "go") break;
}
const keyring = await loadKeyring(config, logger);
const hash = createHash("sha256").update(keyring.activeKeyId).update(keyring.hashKey);
for (const [id, key] of keyring.masterKeys) hash.update(id).update(key);
process.stdout.write(`KEYRING ${hash.digest("hex")}\n`);
