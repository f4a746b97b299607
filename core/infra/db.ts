// The Prisma client on a driver adapter: no Rust query engine, nothing to
// download. PostgreSQL in production; PGlite (Postgres compiled to WebAssembly,
// stored in DATA_DIR) when no DATABASE_URL is set, so the bot runs anywhere.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { Prisma, PrismaClient } from "../../prisma/generated/client/client.ts";
import { applyMigrations, openSchemaEngine } from "../../prisma/migrate-engine.ts";
import type { Config } from "../config.ts";
import { lockDataDirectory } from "./data-dir-lock.ts";
import type { Logger } from "./logger.ts";
import { listenPostgres } from "./pg-listen.ts";
import { ensurePrivateDir, makeTreePrivate } from "./private-files.ts";

export type * from "../../prisma/generated/client/client.ts";
export { Prisma, PrismaClient };

export interface Database {
  readonly kind: "postgres" | "embedded";
  readonly prisma: PrismaClient;
  /** Applies the committed migrations the database has not seen; returns their names. */
  migrate(): Promise<string[]>;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  /**
   * Calls `onPayload` for each NOTIFY on `channel` (from any process), on a
   * connection of its own; resolves to the function that stops listening.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onError: (err: unknown) => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Pool and wait limits; the defaults suit production (tests shrink them to provoke waits). */
export interface DatabaseTuning {
  /** PostgreSQL connections in the pool (10). */
  poolSize?: number;
  /** How long a transaction may wait for a connection, in ms (30 s). */
  transactionMaxWaitMs?: number;
  /** Told when the embedded database's lock is taken over from a process that is gone. */
  logger?: Pick<Logger, "warn">;
}

export async function openDatabase(
  settings: Config["database"],
  tuning: DatabaseTuning = {},
): Promise<Database> {
  let factory: SqlMigrationAwareDriverAdapterFactory;
  let closeDriver: () => Promise<void>;
  let tightenAfterMigrate = async () => {};
  let listen: Database["listen"];
  if (settings.kind === "postgres") {
    // One pool that we own, shared by the client and the migration engine, so
    // close() can end it; adapter-made pools keep the process alive for ~10 s.
    const pool = new pg.Pool({ connectionString: settings.url, max: tuning.poolSize ?? 10 });
    // An idle connection the server ends (a restart, a failover, an admin's
    // terminate) is reported here; unheard, it would crash the process. pg
    // drops that connection and the next query opens a new one; a query in
    // flight fails on its own and is retried by its caller.
    pool.on("error", () => {});
    factory = new PrismaPg(pool);
    closeDriver = () => pool.end();
    const { url } = settings;
    listen = (channel, onPayload, onError) => listenPostgres(url, channel, onPayload, onError);
  } else {
    const { dir } = settings;
    // Before PGlite reads a page: a second process on these files loses data.
    const lock = await lockDataDirectory(dir, tuning.logger);
    let pglite: PGlite;
    try {
      await ensurePrivateDir(dir);
      pglite = await PGlite.create(dir);
      await makeTreePrivate(dir);
    } catch (err) {
      await lock.release();
      throw err;
    }
    // pglite-prisma-adapter is typed against an older copy of
    // @prisma/driver-adapter-utils; the interface it implements is the same.
    factory = new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
    closeDriver = async () => {
      try {
        await pglite.close();
        // Files Postgres wrote while running (new tables, its caches).
        await makeTreePrivate(dir);
      } finally {
        await lock.release();
      }
    };
    tightenAfterMigrate = () => makeTreePrivate(dir);
    listen = async (channel, onPayload) => {
      const stop = await pglite.listen(channel, onPayload);
      return () => stop();
    };
  }
  // Prisma's defaults (2 s to get a connection, 5 s for the whole transaction)
  // throw a user's message away during a burst, when every connection is busy
  // or the event loop is briefly held: waiting longer answers it late instead.
  // "minimal": an error's message names the operation and the fields, not the
  // query with its values (a ticket's name, e-mail, request text).
  const prisma = new PrismaClient({
    adapter: factory,
    errorFormat: "minimal",
    transactionOptions: { maxWait: tuning.transactionMaxWaitMs ?? 30_000, timeout: 20_000 },
  });
  return {
    kind: settings.kind,
    prisma,
    async migrate() {
      const engine = await openSchemaEngine(factory);
      try {
        return await applyMigrations(engine);
      } finally {
        engine.free();
        await tightenAfterMigrate();
      }
    },
    listen: (channel, onPayload, onError) => listen(channel, onPayload, onError),
    async ping() {
      await prisma.$queryRaw`SELECT 1`;
    },
    async close() {
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}
