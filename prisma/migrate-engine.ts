// Migrations through Prisma's WebAssembly schema engine.
//
// Prisma 7's CLI wants a native schema engine that it downloads at run time; on
// an offline machine (and in many government networks) that download fails. The
// same engine compiled to WebAssembly ships inside an npm package, and talks to
// the database through a driver adapter, so migrations need no binary at all.
// It writes `_prisma_migrations` exactly as `prisma migrate deploy` does.
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { PrismaPGlite } from "pglite-prisma-adapter";

const here = path.dirname(fileURLToPath(import.meta.url));
export const SCHEMA_PATH = path.join(here, "schema.prisma");
export const MIGRATIONS_DIR = path.join(here, "migrations");
const LOCKFILE = "migration_lock.toml";

type EngineModule = typeof import("@prisma/schema-engine-wasm");
// @types/node for Node 20 does not declare the WebAssembly global; this is the
// slice of it we use.
type WasmImports = Record<string, unknown>;
interface WasmApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, WasmImports>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
let enginePromise: Promise<EngineModule> | undefined;

/**
 * The package's entry point imports its `.wasm` file as an ES module, which
 * Node 20 only allows behind --experimental-wasm-modules. We load the JS glue
 * and instantiate the module ourselves, so every script runs with plain `tsx`.
 */
function loadEngineModule(): Promise<EngineModule> {
  enginePromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as EngineModule & {
      __wbg_set_wasm(exports: Record<string, unknown>): void;
    };
    const bytes = await readFile(path.join(path.dirname(entry), "schema_engine_bg.wasm"));
    const { instance } = await wasmApi.instantiate(bytes, {
      "./schema_engine_bg.js": withUnrefTimers(glue as unknown as WasmImports),
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return enginePromise;
}

/**
 * The engine's async runtime arms ~10 s timers (connection idle checks) that
 * outlive every request and would hold a finished `db:migrate` open. They
 * guard nothing we need once the call returns, so they must not keep Node up.
 */
function withUnrefTimers(imports: WasmImports): WasmImports {
  const wrapped: WasmImports = { ...imports };
  for (const [name, value] of Object.entries(imports)) {
    if (name.startsWith("__wbg_setTimeout_") && typeof value === "function") {
      wrapped[name] = (...args: unknown[]) => {
        const timer = (value as (...a: unknown[]) => unknown)(...args);
        (timer as { unref?: () => void } | undefined)?.unref?.();
        return timer;
      };
    }
  }
  return wrapped;
}

export type EngineLog = (message: string) => void;

export async function openSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  log: EngineLog = () => {},
): Promise<SchemaEngine> {
  const { SchemaEngine } = await loadEngineModule();
  const schema = await readFile(SCHEMA_PATH, "utf8");
  return SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    (line: string) => log(line),
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
}

/** Reads prisma/migrations in the layout `prisma migrate` uses. */
export async function readMigrationList(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name, "migration.sql");
      const content = await readFile(file, "utf8").then(
        (value) => ({ tag: "ok" as const, value }),
        (err: unknown) => ({ tag: "error" as const, value: String(err) }),
      );
      return { path: name, migrationFile: { path: "migration.sql", content } };
    }),
  );
  const lockContent = await readFile(path.join(dir, LOCKFILE), "utf8").catch(() => null);
  return {
    baseDir: dir,
    lockfile: { path: LOCKFILE, content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

const noFilter = { externalTables: [], externalEnums: [] };

/** Applies the committed migrations that the database has not seen yet. */
export async function applyMigrations(engine: SchemaEngine, dir = MIGRATIONS_DIR) {
  const migrationsList = await readMigrationList(dir);
  const { appliedMigrationNames } = await engine.applyMigrations({
    migrationsList,
    filters: noFilter,
  });
  return appliedMigrationNames;
}

/**
 * The SQL that takes a database built from the committed migrations to the
 * current schema.prisma, or null when they already agree. The engine replays
 * the migrations on a throw-away shadow database to know where they lead.
 */
export async function diffSchemaAgainstMigrations(
  engine: SchemaEngine,
  dir = MIGRATIONS_DIR,
): Promise<string | null> {
  const migrations = await readMigrationList(dir);
  const schema = await readFile(SCHEMA_PATH, "utf8");
  const result = await engine.diff({
    from: { tag: "migrations", ...migrations },
    to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
    script: true,
    exitCode: true,
    filters: noFilter,
  });
  // exitCode 2 means "the diff is not empty"; 0 means nothing to migrate.
  return result.exitCode === 2 ? (result.stdout ?? "") : null;
}

/**
 * Where the migrations lead is worked out on a throw-away in-memory PGlite, so
 * writing a migration needs no database server and never touches real data.
 */
export async function pendingSchemaChange(dir = MIGRATIONS_DIR): Promise<string | null> {
  const scratch = new PGlite();
  try {
    const engine = await openSchemaEngine(
      new PrismaPGlite(scratch) as unknown as SqlMigrationAwareDriverAdapterFactory,
    );
    try {
      return await diffSchemaAgainstMigrations(engine, dir);
    } finally {
      engine.free();
    }
  } finally {
    await scratch.close();
  }
}

/** Prisma's folder name: UTC timestamp, then the name in snake_case. */
export function migrationFolderName(name: string, at: Date): string {
  const stamp = at.toISOString().replace(/\D/g, "").slice(0, 14);
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!slug)
    throw new Error("Nama migrasi wajib diisi / a migration name is required, e.g. add_surveys");
  return `${stamp}_${slug}`;
}
