// The request form and the disruption letter on the real PostgreSQL and
// Redis: stored encrypted with the ticket, sent to the user as a document,
// made once however often the job runs, letters numbered without gaps or
// repeats under concurrent issues, and a failed issue giving its number back.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentsWorker } from "../../core/app/jobs/documents.worker.ts";
import { ticketRoutingWorker } from "../../core/app/jobs/ticket-routing.worker.ts";
import { issueDisruptionLetter, previewDisruptionLetter } from "../../core/app/letters.ts";
import {
  type DocumentDeps,
  ensureRequestForm,
  requestFormAttachmentId,
} from "../../core/app/request-form.ts";
import { type DocumentBody, outboundBodySchema } from "../../core/contracts/messages.ts";
import { QUEUE, type QueueName } from "../../core/contracts/queues.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { readMedia } from "../../core/infra/stores/media.store.ts";
import { newTicket, openOutbound, testCipher, testQueues, testWorkflow } from "../support/app.ts";
import { attachFile } from "../support/attachments.ts";
import { wibParts } from "../support/clock.ts";
import { isolatedDatabase } from "../support/database.ts";
import { TEST_REDIS_URL } from "../support/env.ts";
import { jobOutcome } from "../support/jobs.ts";
import { pdfPlain } from "../support/pdf.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const NIK = "6171054101900003";
const prefix = uniquePrefix("documents");
const logger = createLogger({ level: "silent" }, { write: () => {} });
let db: Database;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let redis: Redis;
let queues: ReturnType<typeof testQueues>;
const queueFor = (name: QueueName) => queues.queueFor(name);
let deps: DocumentDeps;
// Wednesday 2 December 2026, 09:00 WIB.
const filedAt = new Date("2026-12-02T02:00:00Z");

const documents = {
  officeName: "LPSE Kabupaten Landak",
  officeAddress: "Jl. Pangeran Cinata, Ngabang, Kabupaten Landak, Kalimantan Barat",
  letterNumberFormat: "{seq}/SKG/LPSE-LDK/{year}",
  signer: {
    name: "Drs. Contoh Kepala",
    position: "Kepala LPSE Kabupaten Landak",
    nip: "197001012000031001",
  },
};

beforeAll(async () => {
  // Letter numbers count per year: a database of the file's own keeps other
  // files' letters out of this year's sequence.
  database = await isolatedDatabase("documents");
  db = await openDatabase({ kind: "postgres", url: database.url });
  redis = createRedis(TEST_REDIS_URL, "worker");
  queues = testQueues(redis, prefix);
  deps = { prisma: db.prisma, cipher: testCipher, queueFor, logger, documents };
});
afterAll(async () => {
  await queues.closeAll();
  await redis.quit();
  await db.close();
  await database.drop();
  await deleteKeys(prefix);
});

/** A filed ticket with a KTP and two screenshots attached. */
async function ticketWithDocuments(language: "id" | "en" = "id") {
  const created = await newTicket(db, filedAt, { nik: NIK, language });
  for (const kind of ["KTP", "SCREENSHOT", "SCREENSHOT"] as const) {
    const bytes = Buffer.from(`${kind}-${Math.random()}`);
    await attachFile(db, created, kind, bytes, createHash("sha256").update(bytes).digest("hex"));
  }
  return created;
}

async function documentsTo(contactId: string): Promise<DocumentBody[]> {
  const rows = await db.prisma.outboundMessage.findMany({
    where: { contactId },
    orderBy: { createdAt: "asc" },
  });
  return rows
    .map((r) => outboundBodySchema.parse(openOutbound(r)))
    .filter((b): b is DocumentBody => b.kind === "document");
}

describe("request form", () => {
  it("is stored encrypted with the ticket and queued to the user, with the NIK masked", async () => {
    const { ticketId, number, contactId } = await ticketWithDocuments();
    expect(await requestFormAttachmentId(db.prisma, ticketId)).toBeNull();
    expect(await ensureRequestForm(deps, ticketId)).toBe("created");

    const attachmentId = await requestFormAttachmentId(db.prisma, ticketId);
    expect(attachmentId).not.toBeNull();
    const row = await db.prisma.attachment.findUniqueOrThrow({ where: { id: attachmentId ?? "" } });
    expect(row).toMatchObject({ kind: "REQUEST_FORM", mime: "application/pdf", contactId });
    // At rest it is ciphertext, not a PDF.
    expect(Buffer.from(row.data ?? []).includes("%PDF")).toBe(false);
    const file = await readMedia(db.prisma, testCipher, row.id);
    expect(file?.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(
      createHash("sha256")
        .update(file?.bytes ?? Buffer.alloc(0))
        .digest("hex"),
    ).toBe(row.sha256);

    const text = await pdfPlain(file?.bytes ?? Buffer.alloc(0));
    for (const part of [
      "FORMULIR PERMOHONAN PENANGANAN MASALAH PENGGUNA",
      number,
      "2 Desember 2026 pukul 09.00 WIB",
      "Siti Aminah",
      "6171••••••••0003",
      "+62812•••••890",
      "Verifikasi atau perubahan data penyedia",
      "Data penyedia perlu diverifikasi ulang setelah perubahan akta.",
      "Foto KTP",
      "Screenshot permasalahan (2)",
      "UU Nomor 27 Tahun 2022",
    ]) {
      expect(text, part).toContain(part);
    }
    expect(text).not.toContain(NIK);
    expect(text).not.toContain("81234567890");

    const sent = await documentsTo(contactId);
    expect(sent).toEqual([
      {
        kind: "document",
        attachmentId,
        fileName: `Formulir-Permohonan-${number}.pdf`,
        caption: expect.stringContaining(number),
      },
    ]);
    expect(sent[0]?.caption).toContain("Bapak/Ibu");
    // The send job was published to the Telegram sender's queue.
    const outbox = await db.prisma.outboxEvent.findMany({
      where: { queue: QUEUE.outboundTelegram, createdAt: { gte: new Date(Date.now() - 60_000) } },
    });
    const row2 = await db.prisma.outboundMessage.findFirstOrThrow({ where: { contactId } });
    const mine = outbox.find(
      (o) => (o.payload as { outboundMessageId?: string }).outboundMessageId === row2.id,
    );
    expect(mine?.status).toBe("PUBLISHED");
    expect(await queueFor(QUEUE.outboundTelegram).getJob(mine?.id ?? "")).toBeDefined();
  });

  it("is made once, however many times and however concurrently the job runs", async () => {
    const { ticketId, contactId } = await ticketWithDocuments();
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => ensureRequestForm(deps, ticketId)));
    expect(outcomes.filter((o) => o === "created")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "exists")).toHaveLength(3);
    expect(await ensureRequestForm(deps, ticketId)).toBe("exists");
    expect(await db.prisma.attachment.count({ where: { ticketId, kind: "REQUEST_FORM" } })).toBe(1);
    expect(await documentsTo(contactId)).toHaveLength(1);
    expect(await ensureRequestForm(deps, "01a22300-0000-7000-8000-0000000000ff")).toBe("not found");
  });

  it("is in English for a user who chose English", async () => {
    const { ticketId, number, contactId } = await ticketWithDocuments("en");
    await ensureRequestForm(deps, ticketId);
    const [sent] = await documentsTo(contactId);
    expect(sent?.fileName).toBe(`Request-Form-${number}.pdf`);
    expect(sent?.caption).toBe(
      `Your receipt: the request form of ticket ${number}. Please keep it.`,
    );
    const file = await readMedia(db.prisma, testCipher, sent?.attachmentId ?? "");
    const text = await pdfPlain(file?.bytes ?? Buffer.alloc(0));
    expect(text).toContain("Full name");
    expect(text).toContain("Vendor data verification or change");
  });

  it("is not made by routing: routing queues it on the documents queue, once", async () => {
    const { ticketId } = await ticketWithDocuments();
    const worker = ticketRoutingWorker({
      workflow: testWorkflow({ db, queueFor, logger, now: () => filedAt }),
    })({ connection: redis, prefix, logger });
    try {
      const queue = queueFor(QUEUE.tickets);
      const first = await queue.add("ticket.created", { ticketId }, { jobId: `first-${ticketId}` });
      const again = await queue.add("ticket.created", { ticketId }, { jobId: `again-${ticketId}` });
      const outcomes = await Promise.all([first, again].map((job) => jobOutcome(queue, job)));
      expect(outcomes.map((r) => r.outcome).sort()).toEqual(["already routed", "routed"]);
    } finally {
      await worker.close();
    }
    // Routed without rendering anything; the form is one job on `documents`.
    expect(await db.prisma.attachment.count({ where: { ticketId, kind: "REQUEST_FORM" } })).toBe(0);
    const rows = await documentRows(ticketId);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.payload).toEqual({ type: "request-form", ticketId });
    expect((await queueFor(QUEUE.documents).getJob(rows[0]?.id ?? ""))?.data).toEqual({
      type: "request-form",
      ticketId,
    });
  });

  it("is made by the documents worker after routing, once even when the job repeats", async () => {
    const { ticketId, contactId } = await ticketWithDocuments();
    await testWorkflow({ db, queueFor, logger, now: () => filedAt }).routeTicket(ticketId);
    const [row] = await documentRows(ticketId);
    const worker = documentsWorker({ requestForm: (id) => ensureRequestForm(deps, id) })({
      connection: redis,
      prefix,
      logger,
    });
    try {
      const queue = queueFor(QUEUE.documents);
      const again = await queue.add(
        "request-form",
        { type: "request-form", ticketId },
        { jobId: `again-${ticketId}` },
      );
      const outcomes = await Promise.all(
        [row?.id ?? "", again].map((job) => jobOutcome(queue, job, 20_000)),
      );
      expect(outcomes.map((r) => r.requestForm).sort()).toEqual(["created", "exists"]);
      const missing = await queue.add("request-form", {
        type: "request-form",
        ticketId: "01a22300-0000-7000-8000-0000000000fe",
      });
      await expect(jobOutcome(queue, missing)).rejects.toThrow("does not exist");
    } finally {
      await worker.close();
    }
    expect(await db.prisma.attachment.count({ where: { ticketId, kind: "REQUEST_FORM" } })).toBe(1);
    expect(await documentsTo(contactId)).toHaveLength(1);
    // And the agents' topic is told once, with the form's id.
    const desk = await db.prisma.outboxEvent.findMany({
      where: {
        queue: QUEUE.deskBulk,
        name: "ticket.document",
        payload: { path: ["ticketId"], equals: ticketId },
      },
    });
    expect(desk.map((r) => r.payload)).toEqual([
      {
        type: "ticket-document",
        ticketId,
        attachmentId: await requestFormAttachmentId(db.prisma, ticketId),
      },
    ]);
  });
});

async function documentRows(ticketId: string) {
  return db.prisma.outboxEvent.findMany({
    where: { queue: QUEUE.documents, payload: { path: ["ticketId"], equals: ticketId } },
  });
}

/**
 * The letters' clock, frozen at the moment the file started: every letter of
 * the run falls in one year, even when the suite runs across New Year.
 */
const issuedAt = new Date();
const YEAR = wibParts(issuedAt).year;
const at = { now: () => issuedAt };
/** "007/SKG/LPSE-LDK/<year>": the letter number of a sequence value this year. */
const numberOf = (sequence: number) => `${String(sequence).padStart(3, "0")}/SKG/LPSE-LDK/${YEAR}`;
const letterInput = (ticketId: string, agentId: string | null = null) => ({
  ticketId,
  tenderCode: "10012345000",
  disruptionStart: new Date("2026-12-01T06:00:00Z"),
  disruptionEnd: new Date("2026-12-01T09:15:00Z"),
  affectedParties: "Seluruh peserta tender paket 10012345000",
  agentId,
});
const sequenceOf = async (year = YEAR) =>
  (
    await db.prisma.letterSequence.findUnique({
      where: { series_year: { series: "SKG", year } },
    })
  )?.lastValue ?? 0;

describe("disruption letter", () => {
  it("preview: marked, unnumbered, nothing stored or consumed", async () => {
    const { ticketId, contactId } = await ticketWithDocuments();
    const before = await sequenceOf();
    const result = await previewDisruptionLetter({ ...deps, ...at }, letterInput(ticketId));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const text = await pdfPlain(result.value.pdf);
    expect(text).toContain("PRATINJAU / PREVIEW");
    expect(text).toContain("(nomor diberikan saat surat diterbitkan)");
    expect(text).not.toMatch(/\d{3}\/SKG\//u);
    expect(await sequenceOf()).toBe(before);
    expect(await db.prisma.disruptionLetter.count({ where: { ticketId } })).toBe(0);
    expect(await documentsTo(contactId)).toHaveLength(0);
  });

  it("issue: numbered, stored, sent to the user and audited in one go", async () => {
    const { ticketId, contactId, number: ticketNumber } = await ticketWithDocuments();
    const agentId = "01a22300-0000-7000-8000-00000000a9e7";
    const next = (await sequenceOf()) + 1;
    const result = await issueDisruptionLetter({ ...deps, ...at }, letterInput(ticketId, agentId));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const issued = result.value;
    expect(issued).toMatchObject({ number: numberOf(next), sequence: next, year: YEAR });

    const letter = await db.prisma.disruptionLetter.findUniqueOrThrow({
      where: { id: issued.letterId },
    });
    expect(letter).toMatchObject({
      number: numberOf(next),
      ticketId,
      tenderCode: "10012345000",
      affectedParties: "Seluruh peserta tender paket 10012345000",
      signerName: "Drs. Contoh Kepala",
      signerNip: "197001012000031001",
      issuedById: agentId,
      attachmentId: issued.attachmentId,
    });
    const attachment = await db.prisma.attachment.findUniqueOrThrow({
      where: { id: issued.attachmentId },
    });
    expect(attachment).toMatchObject({ kind: "DISRUPTION_LETTER", ticketId, contactId });
    const file = await readMedia(db.prisma, testCipher, issued.attachmentId);
    const text = await pdfPlain(file?.bytes ?? Buffer.alloc(0));
    for (const part of [
      "SURAT KETERANGAN GANGGUAN LPSE",
      `Nomor: ${numberOf(next)}`,
      "1 Desember 2026 pukul 13.00 WIB s.d. 1 Desember 2026 pukul 16.15 WIB",
      ticketNumber,
      "NIP. 197001012000031001",
    ]) {
      expect(text, part).toContain(part);
    }
    expect(text).not.toContain("PRATINJAU");

    expect(await documentsTo(contactId)).toEqual([
      {
        kind: "document",
        attachmentId: issued.attachmentId,
        fileName: `Surat-Keterangan-Gangguan-${numberOf(next).replaceAll("/", "-")}.pdf`,
        caption: expect.stringContaining(numberOf(next)),
      },
    ]);
    const audit = await db.prisma.auditLog.findMany({
      where: { ticketId, action: "letter.issue" },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "AGENT", actorId: agentId, contactId });
    expect(audit[0]?.detail).toMatchObject({ number: numberOf(next) });
  });

  it("numbers stay distinct and consecutive under 20 concurrent issues", async () => {
    const tickets = await Promise.all([1, 2, 3, 4].map(() => ticketWithDocuments()));
    const before = await sequenceOf();
    const lettersBefore = await db.prisma.disruptionLetter.count({ where: { year: YEAR } });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        issueDisruptionLetter(
          { ...deps, ...at },
          letterInput(tickets[i % tickets.length]?.ticketId ?? ""),
        ),
      ),
    );
    const numbers = results.map((r) => (r.ok ? r.value.number : `failed: ${r.error.code}`));
    expect(new Set(numbers).size).toBe(20);
    const sequences = results.map((r) => (r.ok ? r.value.sequence : 0)).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 20 }, (_, i) => before + i + 1));
    expect(numbers).toContain(numberOf(before + 20));
    expect(await sequenceOf()).toBe(before + 20);
    expect(await db.prisma.disruptionLetter.count({ where: { year: YEAR } })).toBe(
      lettersBefore + 20,
    );
    const ids = tickets.map((t) => t.ticketId);
    expect(
      await db.prisma.attachment.count({
        where: { ticketId: { in: ids }, kind: "DISRUPTION_LETTER" },
      }),
    ).toBe(20);
    expect(
      await db.prisma.auditLog.count({ where: { ticketId: { in: ids }, action: "letter.issue" } }),
    ).toBe(20);
  }, 120_000);

  it("a failed issue gives its number back; nothing of it is left behind", async () => {
    const { ticketId, contactId } = await ticketWithDocuments();
    const now = { ...deps, ...at };
    expect((await issueDisruptionLetter(now, letterInput(ticketId))).ok).toBe(true);
    const issued = await sequenceOf();
    // Something else already holds the next number: the insert fails mid-issue.
    const blocker = await db.prisma.disruptionLetter.create({
      data: {
        number: numberOf(issued + 1),
        series: "OTHER",
        year: YEAR,
        sequence: issued + 1,
        ticketId,
        tenderCode: "x",
        disruptionStart: new Date(),
        disruptionEnd: new Date(),
        affectedParties: "x",
        signerName: "x",
        signerPosition: "x",
        signerNip: "-",
      },
    });
    await expect(issueDisruptionLetter(now, letterInput(ticketId))).rejects.toThrow();
    expect(await sequenceOf()).toBe(issued);
    expect(
      await db.prisma.attachment.count({ where: { ticketId, kind: "DISRUPTION_LETTER" } }),
    ).toBe(1);
    expect(await documentsTo(contactId)).toHaveLength(1);
    expect(await db.prisma.auditLog.count({ where: { ticketId, action: "letter.issue" } })).toBe(1);

    await db.prisma.disruptionLetter.delete({ where: { id: blocker.id } });
    const retried = await issueDisruptionLetter(now, letterInput(ticketId));
    expect(retried.ok && retried.value.number).toBe(numberOf(issued + 1));
  });

  it("refuses bad input and unknown tickets without consuming a number", async () => {
    const { ticketId } = await ticketWithDocuments();
    const now = { ...deps, ...at };
    const before = await sequenceOf();
    const backwards = await issueDisruptionLetter(now, {
      ...letterInput(ticketId),
      disruptionEnd: new Date("2026-12-01T05:00:00Z"),
    });
    expect(backwards).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    const empty = await issueDisruptionLetter(now, { ...letterInput(ticketId), tenderCode: "  " });
    expect(empty).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    const unknown = await issueDisruptionLetter(
      now,
      letterInput("01a22300-0000-7000-8000-0000000000fe"),
    );
    expect(unknown).toMatchObject({ ok: false, error: { code: "TICKET_NOT_FOUND" } });
    expect(await sequenceOf()).toBe(before);
  });
});
