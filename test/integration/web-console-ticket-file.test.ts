// "Kirim berkas kepada pengguna" on the console's ticket page, on real
// PostgreSQL and Redis: the multipart form as a browser sends it; the file is
// checked by its bytes, stored sealed with the ticket, queued to the citizen
// as the desk's file relay queues it (a "document" send-log row with the
// attachment's id and the signed caption, its outbound job published),
// audited `file.send` via "console" without the file's name, and a
// console-post desk job (ids only) posts a notice in the topic. Refusals: a
// program named .pdf, a file over the limit, no file, no CSRF token, a
// finished ticket.
import { describe, expect, it } from "vitest";
import { consolePosted } from "../../bot/agent-desk/desk.console-posts.ts";
import { outboundQueue, QUEUE } from "../../core/contracts/queues.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { readMedia } from "../../core/infra/stores/media.store.ts";
import { pngFile } from "../fixtures/files.ts";
import { openOutbound, testCipher } from "../support/app.ts";
import { AGENT_PASSWORD, browser, webConsoleFixture } from "../support/web-console.ts";
import { ticketWithTimeline } from "../support/web-ticket.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-ticket-file", logger);
const TEXTS = { citizen: "Mohon panduannya, Pak.", reply: "Baik.", note: "Catatan." };
const NAME = "panduan <script>alert(1)</script>.png";

const signedIn = async (role: string) => {
  const b = browser(f.web.app);
  expect((await b.signIn(role.toLowerCase(), AGENT_PASSWORD)).statusCode).toBe(303);
  return b;
};
const filed = () => ticketWithTimeline(f.db, f.web.workflow, f.now(), TEXTS);
const page = (n: string) => `/konsol/tiket/${n}`;

async function sendFile(
  b: ReturnType<typeof browser>,
  number: string,
  file: Buffer | null,
  opts: { caption?: string; csrf?: string | null; name?: string } = {},
) {
  const fd = new FormData();
  const csrf = opts.csrf === undefined ? await b.csrf(page(number)) : opts.csrf;
  if (csrf !== null) fd.append("_csrf", csrf);
  if (opts.caption !== undefined) fd.append("keterangan", opts.caption);
  // The browser's claim (type, name) is deliberately wrong: only the bytes count.
  fd.append(
    "berkas",
    new Blob([new Uint8Array(file ?? Buffer.alloc(0))], { type: "application/pdf" }),
    opts.name ?? NAME,
  );
  return b.postMultipart(`${page(number)}/berkas`, fd);
}
const sentTo = (contactId: string) =>
  f.db.prisma.outboundMessage.findMany({ where: { contactId }, orderBy: { seq: "asc" } });
const attachmentsOf = (contactId: string) =>
  f.db.prisma.attachment.findMany({ where: { contactId } });

describe("sending a file to the citizen from the ticket page", () => {
  it("offers the form, and a PNG goes to the outbound log as the desk's relay sends it, sealed at rest", async () => {
    const t = await filed();
    const b = await signedIn("HELPDESK");
    const shown = await b.get(page(t.number));
    expect(shown.body).toContain("Kirim berkas kepada pengguna");
    expect(shown.body).toContain(`action="${page(t.number)}/berkas" enctype="multipart/form-data"`);
    const before = (await sentTo(t.contactId)).length;
    const png = pngFile(24, 16);
    const caption = "Berikut tangkapan layar langkahnya.";
    const res = await sendFile(b, t.number, png, { caption });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${page(t.number)}?pesan=berkas`);

    const sent = await sentTo(t.contactId);
    expect(sent.length).toBe(before + 1);
    const row = sent.at(-1);
    const body = openOutbound(row ?? { id: "", bodyEnc: null }) as Record<string, string>;
    const file = await f.db.prisma.attachment.findFirstOrThrow({
      where: { ticketId: t.ticketId, mime: "image/png", id: body.attachmentId },
    });
    expect(body).toMatchObject({ kind: "document", attachmentId: file.id, fileName: "gambar.png" });
    expect(body.caption).toContain(caption);
    expect(body.caption).toContain("Petugas HELPDESK");
    expect(JSON.stringify(body)).not.toContain("panduan");
    // Sealed at rest: the stored bytes are not the image; opened, they are one.
    expect(file.data).not.toBeNull();
    const stored = Buffer.from(file.data ?? new Uint8Array(0));
    expect(stored.subarray(0, 8).equals(png.subarray(0, 8))).toBe(false);
    const opened = await readMedia(f.db.prisma, testCipher, file.id);
    expect(opened?.mime).toBe("image/png");
    expect(opened?.bytes.subarray(0, 8).equals(png.subarray(0, 8))).toBe(true);

    const outbox = await f.db.prisma.outboxEvent.findFirstOrThrow({
      where: {
        queue: outboundQueue("TELEGRAM"),
        payload: { equals: { outboundMessageId: row?.id ?? "" } },
      },
    });
    expect(outbox.status).toBe("PUBLISHED");
    const agent = await f.db.prisma.agent.findFirstOrThrow({ where: { role: "HELPDESK" } });
    const audits = await f.db.prisma.auditLog.findMany({
      where: { action: "file.send", ticketId: t.ticketId },
    });
    expect(audits.length).toBe(1);
    expect(audits[0]).toMatchObject({ actorId: agent.id, contactId: t.contactId });
    expect(audits[0]?.detail).toEqual({
      attachmentId: file.id,
      outboundMessageId: row?.id,
      via: "console",
    });
    const [job] = await f.db.prisma.outboxEvent.findMany({
      where: {
        queue: QUEUE.desk,
        name: "console.post",
        payload: { path: ["ticketId"], equals: t.ticketId },
      },
    });
    expect(job?.status).toBe("PUBLISHED");
    const data = (await f.web.queueFor(QUEUE.desk).getJob(job?.id ?? ""))?.data;
    expect(data).toEqual({
      type: "console-post",
      ticketId: t.ticketId,
      agentId: agent.id,
      kind: "file",
      refId: row?.id,
    });
    // The desk's job posts a notice of the file's type, never its name.
    const said: string[] = [];
    const topics = {
      ensureTicketTopic: async () => ({ topic: {} }),
      say: async (_topic: unknown, text: string) => {
        said.push(text);
      },
    };
    await consolePosted(
      { prisma: f.db.prisma, cipher: testCipher, topics } as unknown as Parameters<
        typeof consolePosted
      >[0],
      data,
    );
    expect(said).toEqual([
      "📎 Petugas Petugas HELPDESK (helpdesk) mengirim berkas gambar (PNG) kepada pengguna melalui konsol web.",
    ]);

    const after = await b.get(String(res.headers.location));
    expect(after.body).toContain("Berkas telah dikirim kepada pengguna.");
    expect(after.body).not.toContain("<script>alert(1)</script>");
  });

  it("refuses a program named .pdf, a file over the limit and no file, by their bytes, sending nothing", async () => {
    const t = await filed();
    const b = await signedIn("VERIFIKATOR");
    const before = (await sentTo(t.contactId)).length;
    const files = (await attachmentsOf(t.contactId)).length;
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(400, 1)]);
    const program = await sendFile(b, t.number, exe, { name: "panduan.pdf" });
    expect(program.statusCode).toBe(400);
    expect(program.body).toContain("bukan jenis yang dapat dikirim");
    const big = await sendFile(b, t.number, pngFile(8, 8, 2 * 1024 * 1024));
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain("Berkas terlalu besar (paling besar 1 MB).");
    const none = await sendFile(b, t.number, null);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain("Mohon pilih berkas yang akan dikirim.");
    expect((await sentTo(t.contactId)).length).toBe(before);
    expect((await attachmentsOf(t.contactId)).length).toBe(files);
  });

  it("refuses without the form's CSRF token, and once the ticket is finished", async () => {
    const t = await filed();
    const b = await signedIn("HELPDESK");
    const before = (await sentTo(t.contactId)).length;
    const forged = await sendFile(b, t.number, pngFile(), { csrf: null });
    expect(forged.statusCode).toBe(403);
    await f.db.prisma.ticket.update({ where: { id: t.ticketId }, data: { status: "DITUTUP" } });
    expect((await b.get(page(t.number))).body).not.toContain("Kirim berkas kepada pengguna");
    const closed = await sendFile(b, t.number, pngFile());
    expect(closed.statusCode).toBe(409);
    expect((await sentTo(t.contactId)).length).toBe(before);
  });

  it("is refused to a visitor who is not signed in", async () => {
    const t = await filed();
    const res = await sendFile(browser(f.web.app), t.number, pngFile(), { csrf: "x" });
    expect(res.statusCode).toBe(401);
  });
});
