// `npm run keys:rotate`: after putting a new key first in MASTER_KEYS (and
// keeping the old one after it), re-encrypt everything under the new key and
// bind every box to its row. Then the old key can be removed from MASTER_KEYS.
// Run it once after upgrading to bound boxes, too (see docs/privacy.md, "Encryption at rest").
import { readUnboundPolicy, rotateKeys } from "../core/app/rotate-keys.ts";
import { ConfigError, loadConfig, loadDotEnv } from "../core/config.ts";
import { createCipher } from "../core/infra/crypto.ts";
import { openDatabase } from "../core/infra/db.ts";
import { loadKeyring } from "../core/infra/keyring.ts";
import { createLogger } from "../core/infra/logger.ts";

try {
  loadDotEnv();
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, name: "keys-rotate" });
  const db = await openDatabase(config.database);
  try {
    const cipher = createCipher(await loadKeyring(config, logger), {
      unbound: await readUnboundPolicy(db.prisma),
    });
    console.log(`Kunci aktif / active key: ${cipher.activeKeyId}`);
    const report = await rotateKeys(db.prisma, cipher, (done, what) =>
      console.log(`  ${what}: ${done}`),
    );
    console.log(`Selesai / done: ${report.attachments} document key(s) re-wrapped`);
    console.log(`  tickets with plain-text answers sealed: ${report.plainTicketFields}`);
    for (const [field, count] of Object.entries(report.sealedFields))
      console.log(`  ${field}: ${count} re-sealed`);
    console.log(
      report.complete
        ? "Semua data terikat ke barisnya / every box is bound to its row: unbound boxes are refused from now on."
        : "Masih ada baris yang berubah selama rotasi / rows changed meanwhile: run it again.",
    );
  } finally {
    await db.close();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exitCode = 1;
}
