// Every table through the Prisma client, on both databases the product runs
// on: PostgreSQL through @prisma/adapter-pg and PGlite through its adapter.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileComplaint } from "../../core/app/complaints.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { TEST_DATABASE_URL } from "../support/env.ts";

const backends = [
  {
    name: "PostgreSQL",
    open: async () => ({
      db: await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL }),
      cleanup: async () => {},
    }),
  },
  {
    name: "PGlite",
    open: async () => {
      const dir = await mkdtemp(path.join(tmpdir(), "lpse-roundtrip-"));
      const db = await openDatabase({ kind: "embedded", dir });
      await db.migrate();
      return { db, cleanup: () => rm(dir, { recursive: true, force: true }) };
    },
  },
];

describe.each(backends)("Prisma round trip on $name", ({ open }) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  const tag = randomUUID().slice(0, 8);

  beforeAll(async () => {
    ({ db, cleanup } = await open());
  });
  afterAll(async () => {
    await db?.close();
    await cleanup?.();
  });

  it("contacts, conversations, tickets, events and attachments", async () => {
    const prisma = db.prisma;
    const externalIdEnc = randomBytes(48);
    const contact = await prisma.contact.create({
      data: { channel: "WHATSAPP", externalIdHash: `hash-${tag}`, externalIdEnc, language: "EN" },
    });
    expect(contact.id).toMatch(/^[0-9a-f-]{36}$/);

    const conversation = await prisma.conversation.create({
      data: {
        contactId: contact.id,
        stateEnc: Buffer.from("sealed-v0"),
        wakeAt: new Date("2026-11-28T02:00:00Z"),
      },
    });
    // Optimistic concurrency: the second writer with a stale version changes nothing.
    const first = await prisma.conversation.updateMany({
      where: { id: conversation.id, version: 0 },
      data: { stateEnc: Buffer.from("sealed-v1"), version: { increment: 1 } },
    });
    const stale = await prisma.conversation.updateMany({
      where: { id: conversation.id, version: 0 },
      data: { stateEnc: Buffer.from("lost"), version: { increment: 1 } },
    });
    expect([first.count, stale.count]).toEqual([1, 0]);

    const agent = await prisma.agent.create({
      data: { telegramUserId: 9_007_199_254_740_993n, name: `Agen ${tag}`, role: "HELPDESK" },
    });
    const seq = await prisma.ticketSequence.upsert({
      where: { year: 2026 },
      create: { year: 2026, lastValue: 1 },
      update: { lastValue: { increment: 1 } },
    });
    const number = `LDK-2026-${tag}`;
    const ticket = await prisma.ticket.create({
      data: {
        number,
        contactId: contact.id,
        channel: "WHATSAPP",
        category: "gagal_unggah_penawaran",
        applicantName: "Budi Santoso",
        nikEnc: randomBytes(40),
        nikHash: `nik-${tag}`,
        description: "Dokumen penawaran gagal diunggah menjelang batas waktu.",
        consentAt: new Date("2026-11-28T01:00:00Z"),
        bidDeadline: new Date("2026-11-30T07:00:00Z"),
        assigneeId: agent.id,
        events: {
          create: {
            toStatus: "BARU",
            actorType: "USER",
            actorId: contact.id,
            data: { via: "test" },
          },
        },
        attachments: {
          create: {
            contactId: contact.id,
            kind: "KTP",
            mime: "image/jpeg",
            size: 1234,
            sha256: "a".repeat(64),
            keyId: "k1",
            wrappedKey: randomBytes(60),
            data: randomBytes(1234),
          },
        },
      },
    });
    expect(seq.lastValue).toBeGreaterThanOrEqual(1);

    const loaded = await prisma.ticket.findUniqueOrThrow({
      where: { number },
      include: {
        events: true,
        attachments: true,
        contact: { include: { conversation: true } },
        assignee: true,
      },
    });
    expect(loaded.status).toBe("BARU");
    expect(loaded.priority).toBe("NORMAL");
    expect(loaded.bidDeadline?.toISOString()).toBe("2026-11-30T07:00:00.000Z");
    expect(loaded.events).toEqual([
      expect.objectContaining({
        fromStatus: null,
        toStatus: "BARU",
        actorType: "USER",
        data: { via: "test" },
      }),
    ]);
    expect(loaded.attachments[0]).toMatchObject({ kind: "KTP", mime: "image/jpeg", size: 1234 });
    expect(Buffer.from(loaded.attachments[0]?.data ?? []).length).toBe(1234);
    expect(Buffer.from(loaded.contact.externalIdEnc).equals(externalIdEnc)).toBe(true);
    expect(loaded.contact.conversation?.version).toBe(1);
    expect(Buffer.from(loaded.contact.conversation?.stateEnc ?? []).toString()).toBe("sealed-v1");
    expect(loaded.assignee?.telegramUserId).toBe(9_007_199_254_740_993n);
    expect(ticket.id).toBe(loaded.id);

    await expect(
      prisma.ticket.create({
        data: { ...ticket, id: undefined, lkppTicketNumber: null, nikEnc: null, phoneEnc: null },
      }),
    ).rejects.toThrow(/Unique constraint/);
  });

  it("outbox, send-log, dedupe, complaints and WhatsApp auth state", async () => {
    const prisma = db.prisma;
    const contact = await prisma.contact.create({
      data: { channel: "TELEGRAM", externalIdHash: `tg-${tag}`, externalIdEnc: randomBytes(16) },
    });
    const outbox = await prisma.outboxEvent.create({
      data: { queue: "tickets", name: "ticket.created", payload: { ticketId: randomUUID() } },
    });
    expect(outbox.status).toBe("PENDING");
    const published = await prisma.outboxEvent.update({
      where: { id: outbox.id },
      data: { status: "PUBLISHED", publishedAt: new Date() },
    });
    expect(published.publishedAt).toBeInstanceOf(Date);

    const message = await prisma.outboundMessage.create({
      data: { contactId: contact.id, channel: "TELEGRAM", bodyEnc: Buffer.from("sealed body") },
    });
    const sent = await prisma.outboundMessage.update({
      where: { id: message.id },
      data: { status: "SENT", sentAt: new Date(), providerId: "42" },
    });
    expect(Buffer.from(sent.bodyEnc ?? []).toString()).toBe("sealed body");
    expect(sent.status).toBe("SENT");

    const filed = await prisma.$transaction((tx) =>
      fileComplaint(tx, contact, {
        text: "Petugas lambat menjawab.",
        language: "id",
        dueAt: new Date().toISOString(),
        at: new Date(),
      }),
    );
    const complaint = await prisma.complaint.findUniqueOrThrow({
      where: { id: filed.complaintId },
    });
    expect(complaint.status).toBe("BARU");
    expect(complaint.number).toBe(filed.number);

    const key = { channel: "TELEGRAM" as const, messageId: `update-${tag}` };
    await prisma.processedMessage.create({ data: key });
    await expect(prisma.processedMessage.create({ data: key })).rejects.toThrow(
      /Unique constraint/,
    );

    const value = randomBytes(32);
    await prisma.whatsappAuthState.upsert({
      where: { sessionId_category_keyId: { sessionId: tag, category: "pre-key", keyId: "1" } },
      create: { sessionId: tag, category: "pre-key", keyId: "1", value },
      update: { value },
    });
    const stored = await prisma.whatsappAuthState.findMany({ where: { sessionId: tag } });
    expect(stored).toHaveLength(1);
    expect(Buffer.from(stored[0]?.value ?? []).equals(value)).toBe(true);
  });
});
