// The satisfaction survey end to end on the real PostgreSQL and Redis: a
// ticket resolved through the workflow queues the survey once, the
// conversations worker starts it in the user's chat, and the answers land in
// the SurveyResponse row (or the skip does).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUE } from "../../core/contracts/queues.ts";
import type { Actor } from "../../core/domain/ticket/ticket.actor.ts";
import {
  createHarness,
  type Harness,
  helpdesk,
  runConversationJobs,
  type TestUser,
} from "./privacy.support.ts";

let h: Harness;
const verifikator: Actor = { type: "AGENT", agentId: "agent-verifikator", role: "VERIFIKATOR" };

beforeAll(async () => {
  h = await createHarness("survey");
});
afterAll(async () => {
  await h.close();
});

async function resolvedTicket(user: TestUser) {
  await user.say("halo");
  const { ticketId, number } = await user.fileTicket();
  await h.workflow.routeTicket(ticketId);
  for (const [command, actor] of [
    [{ type: "ACCEPT" }, helpdesk],
    [{ type: "FORWARD", team: "VERIFIKATOR" }, helpdesk],
    [{ type: "START_PROCESSING" }, verifikator],
    [
      { type: "RESOLVE", resolutionNote: "Password sudah direset, silakan cek e-mail." },
      verifikator,
    ],
  ] as const) {
    const result = await h.workflow.changeStatus({ ticketId, command, actor });
    expect(result.ok, command.type).toBe(true);
  }
  return { ticketId, number };
}

describe("satisfaction survey", () => {
  it("from a resolved ticket through the worker to nine stored answers", async () => {
    const user = h.user("survey");
    const { ticketId, number } = await resolvedTicket(user);
    const asked = await h.db.prisma.surveyResponse.findUniqueOrThrow({ where: { ticketId } });
    expect(asked.status).toBe("DITANYAKAN");
    const { rows, results } = await runConversationJobs(h, ticketId, [
      "ticket.status",
      "survey.start",
    ]);
    expect(rows.map((r) => r.name)).toEqual([
      "ticket.status",
      "ticket.status",
      "ticket.status",
      "ticket.status",
      "survey.start",
    ]);
    // Job data: ids only.
    for (const row of rows) {
      expect(row.queue).toBe(QUEUE.conversations);
      expect(Object.keys(row.payload as object).sort()).toEqual(["ticketId", "type"]);
    }
    expect(results.every((r) => (r as { outcome: string }).outcome === "handled")).toBe(true);
    const intro = (await user.replies()).at(-1) ?? "";
    expect(intro).toContain(`Tiket ${number} telah selesai`);
    expect(intro).toContain("Pertanyaan 1 dari 9");

    for (const answer of ["4", "3", "4", "4", "3", "4", "4", "2", "3"]) await user.say(answer);
    expect((await user.replies()).at(-1)).toContain("saran atau komentar");
    await user.say("Terima kasih, cepat ditangani.");
    expect((await user.replies()).at(-1)).toContain("Terima kasih atas penilaian");

    const done = await h.db.prisma.surveyResponse.findUniqueOrThrow({ where: { ticketId } });
    expect(done).toMatchObject({
      status: "SELESAI",
      answers: [4, 3, 4, 4, 3, 4, 4, 2, 3],
      comment: "Terima kasih, cepat ditangani.",
    });
    expect(done.completedAt).not.toBeNull();
    // The ticket is resolved: a free message now gets the menu, not a relay.
    await user.say("halo lagi");
    expect((await user.replies()).at(-1)).toContain("Selamat datang");

    // Resolving again after a reopen asks nothing new.
    await h.workflow.changeStatus({
      ticketId,
      command: { type: "REOPEN", reason: "Masih belum bisa login." },
      actor: { type: "USER", contactId: await user.contactId() },
    });
    await h.workflow.changeStatus({
      ticketId,
      command: { type: "RESOLVE", resolutionNote: "Sudah bisa." },
      actor: verifikator,
    });
    expect(
      await h.db.prisma.outboxEvent.count({
        where: { name: "survey.start", payload: { path: ["ticketId"], equals: ticketId } },
      }),
    ).toBe(1);
  });

  it("lewati: the survey is marked skipped and nothing is scored", async () => {
    const user = h.user("survey-skip");
    const { ticketId } = await resolvedTicket(user);
    await runConversationJobs(h, ticketId, ["ticket.status", "survey.start"]);
    await user.say("4");
    await user.say("lewati");
    expect((await user.replies()).at(-1)).toContain("survei dilewati");
    const row = await h.db.prisma.surveyResponse.findUniqueOrThrow({ where: { ticketId } });
    expect(row).toMatchObject({ status: "DILEWATI", answers: [], completedAt: null });
  });

  it("an applicant notified by e-mail is not asked: the e-mail channel cannot carry the answers back", async () => {
    const user = h.user("survey-email");
    await user.say("halo");
    const { ticketId } = await user.fileTicket();
    const { contactId } = await h.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    await h.db.prisma.contact.update({ where: { id: contactId }, data: { channel: "EMAIL" } });
    await h.workflow.routeTicket(ticketId);
    for (const [command, actor] of [
      [{ type: "ACCEPT" }, helpdesk],
      [{ type: "RESOLVE", resolutionNote: "Sudah dibantu melalui e-mail." }, helpdesk],
    ] as const) {
      const result = await h.workflow.changeStatus({ ticketId, command, actor });
      expect(result.ok, command.type).toBe(true);
    }
    const ticket = await h.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    expect(ticket.status).toBe("SELESAI");
    expect(await h.db.prisma.surveyResponse.count({ where: { ticketId } })).toBe(0);
    const queued = await h.db.prisma.outboxEvent.findMany({
      where: { payload: { path: ["ticketId"], equals: ticketId } },
    });
    expect(queued.map((row) => row.name)).not.toContain("survey.start");
    expect(queued.map((row) => row.name)).toContain("ticket.status");
  });

  it("a survey job for a survey no longer asked does nothing", async () => {
    const user = h.user("survey-done");
    const { ticketId } = await resolvedTicket(user);
    await h.db.prisma.surveyResponse.update({ where: { ticketId }, data: { status: "DILEWATI" } });
    const before = (await user.replies()).length;
    const { results } = await runConversationJobs(h, ticketId, ["survey.start"]);
    expect(results).toEqual([{ outcome: "not asked" }]);
    expect(await user.replies()).toHaveLength(before);
  });
});
