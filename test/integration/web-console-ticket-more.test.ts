// The ticket page's steps beyond the first set, on real PostgreSQL and Redis:
// escalating to LKPP and recording its answer (the desk's /eskalasi and
// /lanjut), recording the user's answer, and a claim of a ticket that is no
// longer new, which queues the desk's ticket-claimed job for the topic.
import { describe, expect, it } from "vitest";
import { QUEUE } from "../../core/contracts/queues.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { messagesTo } from "../support/app.ts";
import { signedIn } from "../support/console-session.ts";
import { webConsoleFixture } from "../support/web-console.ts";
import { ticketAudits, ticketPage, ticketStep, ticketWithTimeline } from "../support/web-ticket.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-ticket-more", logger);
const TEXTS = { citizen: "Sudah, Pak.", reply: "Baik.", note: "Cek SPSE." };

const filed = () => ticketWithTimeline(f.db, f.web.workflow, f.now(), TEXTS);
const ticketOf = (id: string) => f.db.prisma.ticket.findUniqueOrThrow({ where: { id } });

describe("escalating to LKPP from the ticket page", () => {
  it("escalates with LKPP's number, records LKPP's answer, and tells the citizen as the desk does", async () => {
    const t = await filed();
    const helpdesk = await signedIn(f, "HELPDESK");
    await ticketStep(helpdesk, t.number, "ambil");
    const shown = (await helpdesk.get(ticketPage(t.number))).body;
    expect(shown).toContain(`action="${ticketPage(t.number)}/eskalasi"`);
    expect(shown).not.toContain("/lanjut");

    const noNumber = await ticketStep(helpdesk, t.number, "eskalasi", { lkpp: "  " });
    expect(noNumber.statusCode).toBe(400);
    expect(noNumber.body).toContain("Mohon isi nomor tiket LKPP.");
    expect((await ticketOf(t.ticketId)).status).toBe("DITERIMA");

    const escalated = await ticketStep(helpdesk, t.number, "eskalasi", {
      lkpp: "LKPP-2026-000123",
      keterangan: "Galat server SPSE.",
    });
    expect(escalated.statusCode).toBe(303);
    expect((await helpdesk.get(String(escalated.headers.location))).body).toContain(
      "Tiket dieskalasi ke LKPP.",
    );
    expect(await ticketOf(t.ticketId)).toMatchObject({
      status: "ESKALASI_LKPP",
      lkppTicketNumber: "LKPP-2026-000123",
    });
    const told = (await messagesTo(f.db, t.contactId)).at(-1);
    expect(told).toContain(`Pembaruan tiket ${t.number}: Ditangani IT LKPP`);
    expect(told).toContain("LKPP-2026-000123");
    // Now the page offers recording LKPP's answer; any role may (the workflow's rule).
    const analyst = await signedIn(f, "ANALIS");
    expect((await analyst.get(ticketPage(t.number))).body).toContain(
      `${ticketPage(t.number)}/lanjut`,
    );
    const answered = await ticketStep(analyst, t.number, "lanjut", {
      keterangan: "LKPP: sudah pulih.",
    });
    expect(answered.statusCode).toBe(303);
    expect((await analyst.get(String(answered.headers.location))).body).toContain(
      "Tanggapan dicatat; tiket dilanjutkan.",
    );
    expect((await ticketOf(t.ticketId)).status).toBe("DITERIMA");
    const event = await f.db.prisma.ticketEvent.findFirstOrThrow({
      where: { ticketId: t.ticketId, fromStatus: "ESKALASI_LKPP" },
    });
    expect(event).toMatchObject({ toStatus: "DITERIMA", reason: "LKPP: sudah pulih." });
    expect(
      (await ticketAudits(f.db, "ticket.escalate_lkpp", t.ticketId)).map((a) => a.detail),
    ).toEqual([{ ok: true, via: "console" }]);
    expect(
      (await ticketAudits(f.db, "ticket.lkpp_responded", t.ticketId)).map((a) => a.detail),
    ).toEqual([{ ok: true, via: "console" }]);
  });

  it("records the user's answer with the same step while the ticket waits for them", async () => {
    const t = await filed();
    const helpdesk = await signedIn(f, "HELPDESK");
    await ticketStep(helpdesk, t.number, "ambil");
    await ticketStep(helpdesk, t.number, "minta", { keterangan: "Foto akta." });
    expect((await ticketOf(t.ticketId)).status).toBe("MENUNGGU_PENGGUNA");
    expect((await ticketStep(helpdesk, t.number, "lanjut")).statusCode).toBe(303);
    expect((await ticketOf(t.ticketId)).status).toBe("DITERIMA");
    expect(
      (await ticketAudits(f.db, "ticket.user_responded", t.ticketId)).map((a) => a.detail),
    ).toEqual([{ ok: true, via: "console" }]);
    // Not waiting for anyone: the step is refused, said in Bahasa Indonesia.
    const refused = await ticketStep(helpdesk, t.number, "lanjut");
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("Tidak dapat");
    expect(refused.body).toContain("tiket berstatus Diterima");
  });
});

describe("claiming from the ticket page", () => {
  it("queues the desk's ticket-claimed job for a ticket that is no longer new", async () => {
    const t = await filed();
    const supervisor = await f.db.prisma.agent.findFirstOrThrow({ where: { role: "SUPERVISOR" } });
    // Accepted without a claim (the workflow alone), so nobody has it yet.
    const accepted = await f.web.workflow.changeStatus({
      ticketId: t.ticketId,
      command: { type: "ACCEPT" },
      actor: { type: "AGENT", agentId: supervisor.id, role: "SUPERVISOR" },
    });
    expect(accepted.ok).toBe(true);
    const changes = await f.db.prisma.ticketEvent.count({ where: { ticketId: t.ticketId } });

    const verifier = await signedIn(f, "VERIFIKATOR");
    const claimed = await ticketStep(verifier, t.number, "ambil");
    expect(claimed.statusCode).toBe(303);
    expect(claimed.headers.location).toBe(`${ticketPage(t.number)}?pesan=ambil`);
    const agent = await f.db.prisma.agent.findFirstOrThrow({ where: { role: "VERIFIKATOR" } });
    expect(await ticketOf(t.ticketId)).toMatchObject({
      status: "DITERIMA",
      assigneeId: agent.id,
    });
    // No status change, so no ticket-changed job: the claim has a job of its own, ids only.
    expect(await f.db.prisma.ticketEvent.count({ where: { ticketId: t.ticketId } })).toBe(changes);
    const job = await f.db.prisma.outboxEvent.findFirstOrThrow({
      where: {
        queue: QUEUE.desk,
        name: "ticket.claimed",
        payload: { path: ["ticketId"], equals: t.ticketId },
      },
    });
    expect(job.status).toBe("PUBLISHED");
    expect((await f.web.queueFor(QUEUE.desk).getJob(job.id))?.data).toEqual({
      type: "ticket-claimed",
      ticketId: t.ticketId,
      agentId: agent.id,
    });
    expect((await ticketAudits(f.db, "ticket.claim", t.ticketId)).map((a) => a.detail)).toEqual([
      { via: "console" },
    ]);
  });
});
