// `npm run db:migrate`            apply committed migrations (DATABASE_URL, or the embedded PGlite)
// `npm run db:migration -- <name>` write the next migration from a diff of schema.prisma
// `npm run db:check`               fail when schema.prisma has changes no migration holds
//
// All three run Prisma's WebAssembly schema engine; nothing is downloaded.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { ConfigError, loadConfig, loadDotEnv } from "../core/config.ts";
import { openDatabase } from "../core/infra/db.ts";
import { MIGRATIONS_DIR, migrationFolderName, pendingSchemaChange } from "./migrate-engine.ts";

async function create(name: string | undefined) {
  const folder = migrationFolderName(name ?? "", new Date());
  const sql = await pendingSchemaChange();
  if (sql === null) {
    console.log(
      "Tidak ada perubahan skema / schema.prisma matches the migrations: nothing to write.",
    );
    return;
  }
  const dir = path.join(MIGRATIONS_DIR, folder);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), sql);
  console.log(`Migrasi baru / new migration: prisma/migrations/${folder}/migration.sql`);
}

async function check() {
  const sql = await pendingSchemaChange();
  if (sql !== null) {
    console.error(
      "schema.prisma has changes that no migration holds. Run: npm run db:migration -- <name>\n",
    );
    console.error(sql);
    process.exitCode = 1;
    return;
  }
  console.log("schema.prisma and prisma/migrations agree.");
}

async function deploy() {
  loadDotEnv();
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    const applied = await db.migrate();
    const where =
      config.database.kind === "postgres" ? "PostgreSQL" : `PGlite (${config.database.dir})`;
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s) to ${where}: ${applied.join(", ")}`
        : `${where} is up to date.`,
    );
  } finally {
    await db.close();
  }
}

const [command, arg] = process.argv.slice(2);
try {
  if (command === "create") await create(arg);
  else if (command === "check") await check();
  else if (command === "deploy" || command === undefined) await deploy();
  else throw new Error(`Unknown command "${command}": use deploy, create <name> or check`);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exitCode = 1;
}
