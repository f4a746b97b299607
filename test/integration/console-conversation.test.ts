// A whole conversation through the console channel, on the real PostgreSQL and
// Redis, with the workers running: it must end in a ticket with its documents
// and a `ticket.created` job, and no NIK in clear text anywhere in the database.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUE } from "../../core/contracts/queues.ts";
import { createLifecycle } from "../../core/infra/lifecycle.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import type { Services } from "../../core/infra/services.ts";
import { openTicketApplicant } from "../../core/infra/stores/ticket-applicant.ts";
import { jpegFile, pdfFile, pngFile } from "../fixtures/files.ts";
import { capturingLogger, testAppConfig } from "../support/app.ts";
import { wibDayAt, wibTyped } from "../support/clock.ts";
import { startConsoleApp } from "../support/console-app.ts";
import { TEST_DATABASE_URL } from "../support/env.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const NIK = "6171054101900001";
// A bid deadline a week ahead, whenever the test runs.
const BID_DEADLINE = wibDayAt(7, "14:00");
const prefix = uniquePrefix("console");
const { lines: logLines, logger } = capturingLogger();
const lifecycle = createLifecycle(logger, 5000);
let dir: string;
let runtime: Runtime;
let services: Services;
let app: Awaited<ReturnType<typeof startConsoleApp>>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lpse-console-"));
  const config = testAppConfig(prefix, dir);
  app = await startConsoleApp({ config, logger, lifecycle, externalId: `console:${prefix}` });
  ({ runtime, services } = app);
  await writeFile(path.join(dir, "ktp.jpg"), jpegFile(40_000));
  await writeFile(path.join(dir, "kuasa.pdf"), pdfFile());
  await writeFile(path.join(dir, "layar1.png"), pngFile(64, 48, 150_000));
  await writeFile(path.join(dir, "layar2.png"), pngFile(32, 32));
  await writeFile(path.join(dir, "program.exe"), Buffer.from("MZ\x90\x00 not an image"));
}, 60_000);

afterAll(async () => {
  await lifecycle.shutdown("test done");
  await deleteKeys(prefix);
  await rm(dir, { recursive: true, force: true });
});

const say = (line: string) => app.say(line);

describe("a citizen files a request through the console channel", () => {
  it("walks the checklist and gets a ticket with its documents and ticket.created job", async () => {
    expect(await say("halo")).toContain("Selamat datang di Helpdesk LPSE Kabupaten Landak");
    expect(await say("1")).toContain("Gagal unggah dokumen penawaran");
    expect(await say("gagal unggah dokumen penawaran")).toContain("UU Nomor 27 Tahun 2022");
    expect(await say("1")).toContain("nama lengkap");
    expect(await say("Budi Santoso")).toContain("NIK");
    expect(await say("12345")).toMatch(/16 angka/);
    expect(await say(NIK)).toContain("peran");
    expect(await say("penyedia")).toContain("perusahaan");
    expect(await say("CV Maju Jaya")).toContain("e-mail");
    expect(await say("budi@example.com")).toContain("nomor HP");
    expect(await say("0812-3456-7890")).toContain("kode tender");
    expect(await say("10012345000")).toContain("batas akhir");
    expect(await say(wibTyped(BID_DEADLINE))).toContain("jelaskan permasalahan");
    expect(
      await say("Dokumen penawaran gagal diunggah, muncul pesan error saat upload."),
    ).toContain("untuk orang lain");
    expect(await say("1")).toContain("foto KTP");
    expect(await say(`/kirim ${path.join(dir, "program.exe")}`)).toMatch(/JPG, PNG|JPEG|WEBP/);
    expect(await say(`/kirim ${path.join(dir, "ktp.jpg")}`)).toContain("surat kuasa");
    expect(await say(`/kirim ${path.join(dir, "kuasa.pdf")}`)).toContain("screenshot");
    expect(await say(`/kirim ${path.join(dir, "layar1.png")}`)).toContain(
      "Screenshot ke-1 diterima",
    );
    expect(await say(`/kirim ${path.join(dir, "layar2.png")}`)).toContain(
      "Screenshot ke-2 diterima",
    );
    const summary = await say("selesai");
    expect(summary).toContain("NIK: 6171********0001");
    expect(summary).not.toContain(NIK);
    const done = await say("1");
    const number = /LDK-\d{4}-\d{5}/.exec(done)?.[0];
    expect(number, done).toBeDefined();

    const ticket = await runtime.db.prisma.ticket.findUniqueOrThrow({
      where: { number: number ?? "" },
      include: { attachments: { orderBy: { createdAt: "asc" } }, events: true },
    });
    expect(ticket).toMatchObject({
      status: "BARU",
      channel: "CONSOLE",
      category: "GAGAL_UNGGAH_PENAWARAN",
      tenderCode: "10012345000",
      actingForOther: true,
      role: "PENYEDIA",
    });
    expect(ticket.bidDeadline?.toISOString()).toBe(BID_DEADLINE.toISOString());
    expect(ticket.nikHash).toBe(services.cipher.hash("nik", NIK));
    const applicant = openTicketApplicant(services.cipher, ticket);
    expect(applicant.nik).toBe(NIK);
    expect(applicant.phone).toBe("+6281234567890");
    expect(applicant.name).toBe("Budi Santoso");
    // Sealed at rest: the name and request text are not in the row in clear.
    expect(ticket.applicantName).toBeNull();
    expect(Buffer.from(ticket.applicantNameEnc ?? []).includes("Budi")).toBe(false);
    // The request form (REQUEST_FORM) is added by the routing worker, maybe already.
    const sent = ticket.attachments.filter((a) => a.kind !== "REQUEST_FORM");
    expect(sent.map((a) => [a.kind, a.mime])).toEqual([
      ["KTP", "image/jpeg"],
      ["SURAT_KUASA", "application/pdf"],
      ["SCREENSHOT", "image/png"],
      ["SCREENSHOT", "image/png"],
    ]);
    // Re-encoded before storing: the padding and any metadata of the sent file are gone.
    expect(sent[0]?.size).toBeLessThan(40_000);
    expect(ticket.events[0]).toEqual(
      expect.objectContaining({ fromStatus: null, toStatus: "BARU", actorType: "USER" }),
    );

    // The routing worker picks the ticket up and the user hears about it.
    const deadline = Date.now() + 10_000;
    while (!app.screen().includes("sudah masuk antrean Helpdesk") && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(app.screen()).toContain(`Tiket ${number} sudah masuk antrean Helpdesk dengan prioritas`);
    const routed = await runtime.db.prisma.ticket.findUniqueOrThrow({
      where: { id: ticket.id },
      include: { events: { orderBy: { createdAt: "asc" } } },
    });
    expect(routed.team).toBe("ADMIN");
    expect(routed.slaStage).toBe("HELPDESK");
    expect(routed.events.map((e) => e.actorType)).toEqual(["USER", "SYSTEM"]);

    // The ticket.created job is on the real Redis, with the outbox row's id as job id.
    const outbox = await runtime.db.prisma.outboxEvent.findFirstOrThrow({
      where: { name: "ticket.created", payload: { equals: { ticketId: ticket.id } } },
    });
    expect(outbox.status).toBe("PUBLISHED");
    const job = await services.queueFor(QUEUE.tickets).getJob(outbox.id);
    expect(job?.name).toBe("ticket.created");
    expect(job?.data).toEqual({ ticketId: ticket.id });

    // Then the request form arrives as the user's receipt (a PDF document).
    while (
      !app.screen().includes(`Formulir-Permohonan-${number}.pdf`) &&
      Date.now() < deadline + 10_000
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(app.screen()).toContain(`Formulir-Permohonan-${number}.pdf`);

    // Every reply went out through the send-log and was marked sent (the
    // form's row is marked just after the console shows it).
    const unsent = () =>
      runtime.db.prisma.outboundMessage.count({
        where: { contactId: ticket.contactId, status: { not: "SENT" } },
      });
    let pending = await unsent();
    while (pending > 0 && Date.now() < deadline + 15_000) {
      await new Promise((r) => setTimeout(r, 50));
      pending = await unsent();
    }
    expect(pending).toBe(0);

    // The status lookup answers its own contact.
    expect(await say(`status ${number?.toLowerCase()}`)).toContain(number);
  }, 60_000);

  it("keeps NIK and phone out of the database in clear text and out of the logs", async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      for (const table of [
        "tickets",
        "conversations",
        "contacts",
        "outbound_messages",
        "attachments",
      ]) {
        const { rows } = await client.query(`SELECT t::text AS row FROM ${table} t`);
        const text = rows.map((r) => r.row).join("\n");
        expect(text, table).not.toContain(NIK);
        expect(text, table).not.toContain("81234567890");
      }
    } finally {
      await client.end();
    }
    const logs = logLines.join("");
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(NIK);
    expect(logs).not.toContain("81234567890");
  });
});
