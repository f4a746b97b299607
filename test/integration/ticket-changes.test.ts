// The process's ticket-change listener (the console's live updates): the
// database's triggers announce a committed change with the ticket's id and
// kind, on PostgreSQL (over a connection that is opened again when the
// server drops it) and on the embedded PGlite database alike.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordRelay } from "../../core/app/desk-relay.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import {
  openTicketChanges,
  type TicketChange,
  type TicketChanges,
} from "../../core/infra/ticket-changes.ts";
import { newTicket, testCipher } from "../support/app.ts";
import { isolatedDatabase } from "../support/database.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });

function collect(changes: TicketChanges) {
  const seen: TicketChange[] = [];
  changes.subscribe((c) => seen.push(c));
  return {
    seen,
    async waitFor(ticketId: string, kind: string, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (!seen.some((c) => c.ticketId === ticketId && c.kind === kind)) {
        if (Date.now() > until)
          throw new Error(`no ${kind} for ${ticketId}: ${JSON.stringify(seen)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}

describe("ticket changes on PostgreSQL", () => {
  let isolated: Awaited<ReturnType<typeof isolatedDatabase>>;
  let db: Database;
  beforeAll(async () => {
    isolated = await isolatedDatabase("ticket_changes");
    db = await openDatabase({ kind: "postgres", url: isolated.url });
  });
  afterAll(async () => {
    await db?.close();
    await isolated?.drop();
  });

  it("announces a committed change, nothing for a rolled-back one, and listens again after the connection is dropped", async () => {
    const changes = await openTicketChanges(db, logger);
    const c = collect(changes);
    try {
      const t = await newTicket(db, new Date());
      await c.waitFor(t.ticketId, "tiket");
      const contact = await db.prisma.contact.findUniqueOrThrow({ where: { id: t.contactId } });
      const relay = (text: string) => (tx: Parameters<typeof recordRelay>[0]) =>
        recordRelay(tx, testCipher, contact, {
          content: { kind: "text", text },
          ticketNumber: t.number,
        });
      await expect(
        db.prisma.$transaction(async (tx) => {
          await relay("Tidak jadi.")(tx);
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");

      // The server ends the listening connection (a restart, an admin's terminate).
      const admin = new pg.Client({ connectionString: isolated.url });
      await admin.connect();
      const listening = async () =>
        (
          await admin.query<{ pid: number }>(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND state = 'idle'",
          )
        ).rows.map((r) => r.pid);
      const [old] = await listening();
      expect(old).toBeDefined();
      await admin.query("SELECT pg_terminate_backend($1)", [old]);
      // Listening again once a new connection has said LISTEN (after the 2 s pause).
      for (let i = 0; i < 200; i++) {
        const now = await listening();
        if (now.length === 1 && now[0] !== old) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await listening()).not.toContain(old);
      await admin.end();
      await db.prisma.$transaction((tx) => relay("Mohon dibantu.")(tx));
      await c.waitFor(t.ticketId, "pesan");
      // Once: the rolled-back relay was never announced.
      expect(c.seen.filter((x) => x.ticketId === t.ticketId && x.kind === "pesan")).toHaveLength(1);
    } finally {
      await changes.close();
    }
  });
});

describe("ticket changes on the embedded database", () => {
  it("announces a change through PGlite's own LISTEN", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "lpse-ticket-changes-"));
    const db = await openDatabase({ kind: "embedded", dir });
    try {
      await db.migrate();
      const changes = await openTicketChanges(db, logger);
      const c = collect(changes);
      const t = await newTicket(db, new Date());
      await c.waitFor(t.ticketId, "tiket");
      await changes.close();
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
