// "Balas ke pengguna" and "Catatan internal" on the console's ticket page, on
// real PostgreSQL and Redis: a reply (typed or a canned answer) goes through
// the desk's reply code to the citizen's outbound queue (send-log row and its
// job) and into the timeline; a note is kept sealed and never sent; each is
// audited as the desk audits it, with via "console", and a console-post desk
// job is published for the Telegram topic. Only while the ticket is open.
import { describe, expect, it } from "vitest";
import { seedTemplatesAtStart } from "../../bot/agent-desk/desk.templates.ts";
import { DEFAULT_DESK_TEMPLATES } from "../../core/content/desk-templates.content.ts";
import { outboundQueue, QUEUE } from "../../core/contracts/queues.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { messagesTo } from "../support/app.ts";
import { signedIn } from "../support/console-session.ts";
import { webConsoleFixture } from "../support/web-console.ts";
import { ticketAudits, ticketPage, ticketStep, ticketWithTimeline } from "../support/web-ticket.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-ticket-messages", logger);
const TEXTS = {
  citizen: "Apakah sudah ada kabar, Pak?",
  reply: "Kami periksa dahulu.",
  note: "Catatan awal.",
};

const filed = () => ticketWithTimeline(f.db, f.web.workflow, f.now(), TEXTS);
const deskJobs = (ticketId: string) =>
  f.db.prisma.outboxEvent.findMany({
    where: {
      queue: QUEUE.desk,
      name: "console.post",
      payload: { path: ["ticketId"], equals: ticketId },
    },
    orderBy: { createdAt: "asc" },
  });

describe("replying from the ticket page", () => {
  it("sends a typed reply to the citizen's outbound queue, signed, into the timeline and the topic's job", async () => {
    const t = await filed();
    const b = await signedIn(f, "VERIFIKATOR");
    const before = (await messagesTo(f.db, t.contactId)).length;
    const words = "Bapak/Ibu, akun sudah kami aktifkan kembali.";
    const res = await ticketStep(b, t.number, "balas", { pesan: words });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${ticketPage(t.number)}?pesan=balas`);
    const texts = await messagesTo(f.db, t.contactId);
    expect(texts.length).toBe(before + 1);
    expect(texts.at(-1)).toContain(words);
    expect(texts.at(-1)).toContain("Petugas VERIFIKATOR");
    const sent = await f.db.prisma.outboundMessage.findFirstOrThrow({
      where: { contactId: t.contactId },
      orderBy: { seq: "desc" },
    });
    const outbox = await f.db.prisma.outboxEvent.findFirstOrThrow({
      where: {
        queue: outboundQueue("TELEGRAM"),
        payload: { equals: { outboundMessageId: sent.id } },
      },
    });
    expect(outbox.status).toBe("PUBLISHED");
    expect((await f.web.queueFor(outboundQueue("TELEGRAM")).getJob(outbox.id))?.data).toEqual({
      outboundMessageId: sent.id,
    });
    const agent = await f.db.prisma.agent.findFirstOrThrow({ where: { role: "VERIFIKATOR" } });
    const [audit] = (await ticketAudits(f.db, "reply.send", t.ticketId)).filter(
      (a) => (a.detail as { via?: string }).via === "console",
    );
    expect(audit).toMatchObject({ actorId: agent.id, contactId: t.contactId });
    expect(audit?.detail).toEqual({
      outboundMessageId: sent.id,
      length: words.length,
      via: "console",
    });
    const [job] = await deskJobs(t.ticketId);
    expect(job?.status).toBe("PUBLISHED");
    expect((await f.web.queueFor(QUEUE.desk).getJob(job?.id ?? ""))?.data).toEqual({
      type: "console-post",
      ticketId: t.ticketId,
      agentId: agent.id,
      kind: "reply",
      refId: sent.id,
    });
    const shown = await b.get(String(res.headers.location));
    expect(shown.body).toContain("Balasan telah dikirim kepada pengguna.");
    expect(shown.body.slice(shown.body.indexOf('<ol class="lini-masa">'))).toContain(words);
  });

  it("sends a canned answer picked from the list, audited as template.send", async () => {
    await seedTemplatesAtStart(f.db.prisma, undefined);
    const t = await filed();
    const b = await signedIn(f, "HELPDESK");
    const template = DEFAULT_DESK_TEMPLATES[1];
    const form = await b.get(ticketPage(t.number));
    expect(form.body).toContain(`<option value="${template?.id}">`);
    const res = await ticketStep(b, t.number, "balas", { templat: template?.id ?? "" });
    expect(res.statusCode).toBe(303);
    expect((await messagesTo(f.db, t.contactId)).at(-1)).toContain(template?.text);
    const [audit] = await ticketAudits(f.db, "template.send", t.ticketId);
    expect(audit?.detail).toMatchObject({ via: "console", length: template?.text.length });
  });

  it("refuses an empty reply, an unknown answer and both at once, sending nothing", async () => {
    const t = await filed();
    const b = await signedIn(f, "HELPDESK");
    const before = (await messagesTo(f.db, t.contactId)).length;
    const empty = await ticketStep(b, t.number, "balas", { pesan: "   " });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("Mohon tuliskan balasan atau pilih templat jawaban.");
    const unknown = await ticketStep(b, t.number, "balas", { templat: "tidak-ada" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain("Templat jawaban tidak ditemukan.");
    const both = await ticketStep(b, t.number, "balas", { pesan: "Halo", templat: "aktivasi" });
    expect(both.statusCode).toBe(400);
    expect(both.body).toContain("tidak keduanya");
    expect((await messagesTo(f.db, t.contactId)).length).toBe(before);
    expect(await deskJobs(t.ticketId)).toEqual([]);
  });

  it("refuses without the form's CSRF token", async () => {
    const t = await filed();
    const b = await signedIn(f, "HELPDESK");
    await b.get(ticketPage(t.number));
    const before = (await messagesTo(f.db, t.contactId)).length;
    const res = await b.post(`${ticketPage(t.number)}/balas`, { pesan: "Halo" });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("Formulir kedaluwarsa");
    expect((await messagesTo(f.db, t.contactId)).length).toBe(before);
  });

  it("offers no reply or note once the ticket is finished, and refuses them", async () => {
    const t = await filed();
    const b = await signedIn(f, "SUPERVISOR");
    await f.db.prisma.ticket.update({ where: { id: t.ticketId }, data: { status: "DITUTUP" } });
    const shown = await b.get(ticketPage(t.number));
    expect(shown.body).not.toContain("Balas ke pengguna");
    const before = (await messagesTo(f.db, t.contactId)).length;
    for (const path of ["balas", "catatan"]) {
      const res = await ticketStep(b, t.number, path, { pesan: "Halo" });
      expect(res.statusCode, path).toBe(409);
      expect(res.body).toContain("Tiket ini sudah tidak terbuka");
    }
    expect((await messagesTo(f.db, t.contactId)).length).toBe(before);
  });
});

describe("an internal note from the ticket page", () => {
  it("is kept sealed, shown marked in the timeline, never sent to the citizen, audited, and posted in the topic", async () => {
    const t = await filed();
    const b = await signedIn(f, "ANALIS");
    const before = (await messagesTo(f.db, t.contactId)).length;
    const words = "Pemohon sudah menelepon kantor, menunggu berkas asli.";
    const res = await ticketStep(b, t.number, "catatan", { pesan: words });
    expect(res.statusCode).toBe(303);
    expect((await messagesTo(f.db, t.contactId)).length).toBe(before);
    const agent = await f.db.prisma.agent.findFirstOrThrow({ where: { role: "ANALIS" } });
    const audit = (await ticketAudits(f.db, "note.add", t.ticketId)).at(-1);
    expect(audit?.actorId).toBe(agent.id);
    const note = await f.db.prisma.deskNote.findUniqueOrThrow({
      where: { id: (audit?.detail as { noteId?: string } | undefined)?.noteId ?? "" },
    });
    expect(note).toMatchObject({ ticketId: t.ticketId, agentId: agent.id });
    expect(Buffer.from(note.bodyEnc).toString("utf8")).not.toContain(words);
    expect(audit?.detail).toEqual({ noteId: note.id, length: words.length, via: "console" });
    const [job] = await deskJobs(t.ticketId);
    expect(job?.payload).toEqual({
      type: "console-post",
      ticketId: t.ticketId,
      agentId: agent.id,
      kind: "note",
      refId: note.id,
    });
    const shown = await b.get(`${ticketPage(t.number)}?pesan=catatan`);
    expect(shown.body).toContain("Catatan internal disimpan");
    const timeline = shown.body.slice(shown.body.indexOf('<ol class="lini-masa">'));
    expect(timeline).toMatch(new RegExp(`<li class="catatan"[^>]*>.*${words}`, "su"));
  });

  it("refuses an empty note", async () => {
    const t = await filed();
    const b = await signedIn(f, "HELPDESK");
    const res = await ticketStep(b, t.number, "catatan", { pesan: "" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Mohon tuliskan catatannya.");
  });
});
