import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../core/infra/db.ts";
import {
  MIGRATIONS_DIR,
  migrationFolderName,
  pendingSchemaChange,
  readMigrationList,
} from "../../prisma/migrate-engine.ts";
import { assertTestDatabase, TEST_DATABASE_URL, withDatabase } from "../support/env.ts";

const TABLES = [
  "agents",
  "attachments",
  "audit_log",
  "calendar_days",
  "calendar_weekdays",
  "complaint_sequences",
  "complaints",
  "contacts",
  "conversations",
  "dead_letters",
  "deletion_requests",
  "desk_notes",
  "desk_posts",
  "desk_relays",
  "desk_templates",
  "desk_topics",
  "disruption_letters",
  "kb_article_versions",
  "kb_articles",
  "kb_events",
  "letter_sequences",
  "outbound_messages",
  "outbox_events",
  "processed_messages",
  "survey_responses",
  "telegram_inbox",
  "ticket_events",
  "ticket_sequences",
  "tickets",
  "web_accounts",
  "whatsapp_auth_state",
  "whatsapp_lid_mappings",
  "whatsapp_sent_messages",
];

describe("migrations on an empty PostgreSQL database", () => {
  const name = `lpse_migrate_${process.pid}_test`;
  const url = withDatabase(TEST_DATABASE_URL, name);
  const admin = new pg.Client({ connectionString: withDatabase(TEST_DATABASE_URL, "postgres") });

  beforeAll(async () => {
    assertTestDatabase(url);
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it("applies every committed migration, then nothing on a second run", async () => {
    const committed = (await readMigrationList()).migrationDirectories.map((d) => d.path);
    expect(committed.length).toBeGreaterThan(0);

    const db = await openDatabase({ kind: "postgres", url });
    try {
      expect(await db.migrate()).toEqual(committed);
      expect(await db.migrate()).toEqual([]);
    } finally {
      await db.close();
    }

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const tables = await client.query<{ tablename: string }>(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
      );
      expect(tables.rows.map((r) => r.tablename)).toEqual(["_prisma_migrations", ...TABLES]);
      // The audit log takes new rows and refuses every change to old ones.
      await client.query(
        "INSERT INTO audit_log (id, actor_type, action) VALUES ('00000000-0000-7000-8000-000000000001', 'SYSTEM', 'test.append')",
      );
      await expect(client.query("UPDATE audit_log SET action = 'x'")).rejects.toThrow(
        /append-only/,
      );
      await expect(client.query("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
      const kept = await client.query("SELECT action FROM audit_log");
      expect(kept.rows).toEqual([{ action: "test.append" }]);
      // The same bookkeeping `prisma migrate deploy` reads and writes.
      const history = await client.query(
        "SELECT migration_name, finished_at, rolled_back_at, applied_steps_count, length(checksum) AS checksum_length FROM _prisma_migrations ORDER BY migration_name",
      );
      expect(history.rows).toEqual(
        committed.map((migration_name) => ({
          migration_name,
          finished_at: expect.any(Date),
          rolled_back_at: null,
          applied_steps_count: 1,
          checksum_length: 64,
        })),
      );
    } finally {
      await client.end();
    }
  });
});

describe("migrations on the embedded PGlite database", () => {
  it("applies to a fresh data directory and is idempotent", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "lpse-pglite-"));
    try {
      const db = await openDatabase({ kind: "embedded", dir });
      try {
        const applied = await db.migrate();
        expect(applied.length).toBeGreaterThan(0);
        expect(await db.migrate()).toEqual([]);
        expect(await db.prisma.ticket.count()).toBe(0);
      } finally {
        await db.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("writing migrations", () => {
  it("finds schema.prisma and the committed migrations in agreement", async () => {
    expect(await pendingSchemaChange()).toBeNull();
  });

  it("produces the whole schema as SQL when no migration exists yet", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), "lpse-migrations-"));
    try {
      await writeFile(path.join(empty, "migration_lock.toml"), 'provider = "postgresql"\n');
      const sql = await pendingSchemaChange(empty);
      for (const table of TABLES) expect(sql).toContain(`CREATE TABLE "${table}"`);
      expect(sql).toContain('CREATE UNIQUE INDEX "tickets_number_key"');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it("names folders the way prisma migrate does", () => {
    expect(migrationFolderName("Add surveys!", new Date("2026-11-28T19:06:46.123Z"))).toBe(
      "20261128190646_add_surveys",
    );
    expect(() => migrationFolderName("  ", new Date())).toThrow(/name is required/);
    expect(MIGRATIONS_DIR.endsWith(path.join("prisma", "migrations"))).toBe(true);
  });
});
