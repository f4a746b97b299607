// /konsol/tiket/baru on real PostgreSQL and Redis: an agent files a ticket
// for a citizen who came in person or wrote an e-mail, through the chat
// intake's own store call. The multipart form is posted as a browser sends
// it; the test checks the ticket row and its sealed answers, the files
// (sniffed, sealed, with their kinds), the audit entry, the routing job, the
// CSRF check, the roles and the corrections in Bahasa Indonesia.
import { describe, expect, it } from "vitest";
import { QUEUE } from "../../core/contracts/queues.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { contactIdHash } from "../../core/infra/stores/contact.store.ts";
import { readMedia } from "../../core/infra/stores/media.store.ts";
import { NIK_HASH } from "../../core/infra/stores/ticket.store.ts";
import { openTicketApplicant } from "../../core/infra/stores/ticket-applicant.ts";
import { pdfFile, pngFile } from "../fixtures/files.ts";
import { messagesTo, testCipher } from "../support/app.ts";
import { uniqueNik } from "../support/nik.ts";
import { AGENT_PASSWORD, browser, webConsoleFixture } from "../support/web-console.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-walk-in", logger);
const PATH = "/konsol/tiket/baru";

const signedIn = async (role: string) => {
  const b = browser(f.web.app);
  expect((await b.signIn(role.toLowerCase(), AGENT_PASSWORD)).statusCode).toBe(303);
  return b;
};

let nextPhone = 10_000_000 + Math.floor(Math.random() * 80_000_000);
function answers(overrides: Record<string, string | null> = {}) {
  nextPhone += 1;
  const base: Record<string, string> = {
    sumber: "DATANG_LANGSUNG",
    nama: "Rina Marlina",
    peran: "PENYEDIA",
    organisasi: "CV Sungai Landak",
    nik: uniqueNik(),
    telepon: `0812${nextPhone}`,
    email: "rina@example.com",
    kategori: "LUPA_PASSWORD",
    kode_tender: "",
    uraian: "Tidak dapat masuk ke SPSE setelah mengganti nomor HP penanggung jawab.",
    persetujuan: "setuju",
    pemberitahuan: "WHATSAPP",
  };
  const out: Record<string, string> = { ...base };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

function form(
  csrf: string,
  fields: Record<string, string>,
  files: [string, Buffer, string][] = [],
): FormData {
  const fd = new FormData();
  fd.append("_csrf", csrf);
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  // What the browser claims (name, type) is deliberately wrong: only the bytes count.
  for (const [field, bytes, name] of files) {
    fd.append(field, new Blob([new Uint8Array(bytes)], { type: "text/plain" }), name);
  }
  return fd;
}

async function submit(
  b: ReturnType<typeof browser>,
  fields: Record<string, string>,
  files: [string, Buffer, string][] = [],
) {
  return b.postMultipart(PATH, form(await b.csrf(PATH), fields, files));
}

describe("a ticket filed for a citizen in the console", () => {
  it("is filed as the chat files it: number, sealed answers, files by kind, audit, routing job", async () => {
    const helpdesk = await signedIn("HELPDESK");
    const page = await helpdesk.get(PATH);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("UU Nomor 27 Tahun 2022");
    expect(page.body).toContain('name="persetujuan"');
    const fields = answers({ sumber: "EMAIL", kode_tender: "10012345" });
    const res = await submit(helpdesk, fields, [
      ["ktp", pngFile(24, 16), "ktp.exe"],
      ["surat_permohonan", pdfFile("Surat Permohonan"), "surat.png"],
      ["tangkapan_layar", pngFile(8, 8), "a.txt"],
      ["tangkapan_layar", pngFile(9, 9), "b.txt"],
    ]);
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
    const number = /\/konsol\/tiket\/(LDK-\d{4}-\d+)$/u.exec(res.headers.location ?? "")?.[1];
    expect(number).toBeDefined();
    const ticket = await f.db.prisma.ticket.findUniqueOrThrow({
      where: { number: number ?? "" },
      include: { contact: true, attachments: true, events: true },
    });
    const phone = `+62${fields.telepon?.slice(1)}`;
    expect(ticket).toMatchObject({
      status: "BARU",
      channel: "WHATSAPP",
      // Came by e-mail, notified on WhatsApp: the intake and the channel are apart.
      intake: "EMAIL",
      category: "LUPA_PASSWORD",
      role: "PENYEDIA",
      organisation: "CV Sungai Landak",
      tenderCode: "10012345",
      actingForOther: false,
      applicantName: null,
      email: null,
      description: null,
      nikHash: testCipher.hash(NIK_HASH, fields.nik ?? ""),
    });
    expect(openTicketApplicant(testCipher, ticket)).toEqual({
      name: "Rina Marlina",
      nik: fields.nik,
      email: "rina@example.com",
      phone,
      description: fields.uraian,
    });
    // The citizen's WhatsApp contact, found again by the number as the channel names it.
    expect(ticket.contact.externalIdHash).toBe(
      contactIdHash(testCipher, "WHATSAPP", `${phone.slice(1)}@s.whatsapp.net`),
    );
    const raw = JSON.stringify(
      await f.db.prisma.$queryRaw`SELECT * FROM tickets WHERE id = ${ticket.id}::uuid`,
    );
    for (const secret of [fields.nik, "Rina Marlina", "rina@example.com", phone.slice(1)]) {
      expect(raw).not.toContain(secret);
    }
    expect(ticket.attachments.map((a) => `${a.kind} ${a.mime}`).sort()).toEqual([
      "KTP image/png",
      "REQUEST_LETTER application/pdf",
      "SCREENSHOT image/png",
      "SCREENSHOT image/png",
    ]);
    const letter = ticket.attachments.find((a) => a.kind === "REQUEST_LETTER");
    expect(letter?.data && Buffer.from(letter.data).includes("Surat Permohonan")).toBe(false);
    expect(
      (await readMedia(f.db.prisma, testCipher, letter?.id ?? ""))?.bytes.toString(),
    ).toContain("Surat Permohonan");
    const agent = await f.db.prisma.agent.findFirstOrThrow({
      where: { webAccount: { username: "helpdesk" } },
    });
    expect(ticket.events).toEqual([
      expect.objectContaining({
        toStatus: "BARU",
        actorType: "AGENT",
        actorId: agent.id,
        data: { source: "EMAIL", via: "console" },
      }),
    ]);
    const audit = await f.db.prisma.auditLog.findMany({
      where: { action: "ticket.filed_by_agent", ticketId: ticket.id },
    });
    expect(audit.map((a) => [a.actorId, a.detail])).toEqual([
      [agent.id, { source: "EMAIL", notify: "WHATSAPP", files: 4, via: "console" }],
    ]);
    // The routing job is queued as for a chat ticket; routing it tells the citizen on WhatsApp.
    const created = await f.db.prisma.outboxEvent.findFirstOrThrow({
      where: { name: "ticket.created", payload: { path: ["ticketId"], equals: ticket.id } },
    });
    expect((await f.web.queueFor(QUEUE.tickets).getJob(created.id))?.data).toEqual({
      ticketId: ticket.id,
    });
    expect(await f.web.workflow.routeTicket(ticket.id)).toBe("routed");
    const routed = await f.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(routed.team).not.toBeNull();
    expect(routed.slaDueAt).not.toBeNull();
    expect((await messagesTo(f.db, ticket.contactId)).join("\n")).toContain(number);
    expect(
      await f.db.prisma.outboxEvent.count({
        where: { name: "ticket.opened", payload: { path: ["ticketId"], equals: ticket.id } },
      }),
    ).toBe(1);
    // The redirect lands on the ticket's own page, which says how it came in.
    const own = (await helpdesk.get(res.headers.location ?? "")).body;
    expect(own).toContain(`Tiket ${number}`);
    expect(own).toContain("<dt>Asal permohonan</dt><dd>E-mail</dd>");
    // The list finds it by its intake, and not among the chat's tickets.
    const byEmail = (await helpdesk.get("/konsol/tiket?asal=EMAIL")).body;
    expect(byEmail).toContain(`>${number}</a>`);
    expect((await helpdesk.get("/konsol/tiket?asal=CHAT")).body).not.toContain(`>${number}</a>`);
    expect((await helpdesk.get("/konsol/tiket?asal=POS")).body).toContain(
      "Asal permohonan tidak dikenal.",
    );
  });

  it("refuses what the chat refuses, naming each field in Bahasa Indonesia, and files nothing", async () => {
    const b = await signedIn("SUPERVISOR");
    const before = await f.db.prisma.ticket.count();
    const res = await submit(
      b,
      answers({ nik: "6171051299990001", telepon: "021555", persetujuan: null, kategori: "X" }),
    );
    expect(res.statusCode).toBe(400);
    for (const label of ["NIK", "Nomor HP", "Kategori", "Persetujuan pemrosesan data pribadi"]) {
      expect(res.body).toContain(`${label}</a>:`);
    }
    expect(res.body).toContain("persetujuan pemohon");
    // The typed values are kept, so the agent corrects rather than retypes.
    expect(res.body).toContain('value="Rina Marlina"');
    expect(await f.db.prisma.ticket.count()).toBe(before);
  });

  it("refuses a file that is not what a KTP may be, by its bytes, whatever the browser says", async () => {
    const b = await signedIn("HELPDESK");
    const before = await f.db.prisma.ticket.count();
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 1)]);
    const res = await submit(b, answers(), [["ktp", exe, "ktp.jpg"]]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Lampiran</a>: Berkas ke-1:");
    expect(await f.db.prisma.ticket.count()).toBe(before);
    const big = await submit(b, answers(), [["ktp", pngFile(4, 4, 2 * 1024 * 1024), "k.png"]]);
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain("Lampiran terlalu besar");
    expect(await f.db.prisma.ticket.count()).toBe(before);
  });

  it("refuses e-mail notification while no SMTP server is set", async () => {
    const b = await signedIn("HELPDESK");
    const res = await submit(b, answers({ pemberitahuan: "EMAIL" }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("server e-mail (SMTP) belum diatur");
  });

  it("is for HELPDESK and SUPERVISOR only, and needs the form's CSRF token", async () => {
    for (const role of ["VERIFIKATOR", "ADMIN", "ANALIS"]) {
      const b = await signedIn(role);
      expect((await b.get(PATH)).statusCode, role).toBe(403);
      expect((await b.postMultipart(PATH, form("x", answers()))).statusCode, role).toBe(403);
    }
    const before = await f.db.prisma.ticket.count();
    const helpdesk = await signedIn("HELPDESK");
    await helpdesk.get(PATH);
    const forged = await helpdesk.postMultipart(PATH, form("not-the-token", answers()));
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain("Formulir kedaluwarsa");
    expect(await f.db.prisma.ticket.count()).toBe(before);
    expect((await helpdesk.get("/konsol/tiket")).body).toContain('href="/konsol/tiket/baru"');
  });
});
