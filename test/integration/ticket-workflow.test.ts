// The ticket along the procedure on the real PostgreSQL and Redis: routing,
// every step with its event and exactly one user notification, refusals that
// change nothing, the SLA checks and the dead-letter table.

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slaWorker } from "../../core/app/jobs/sla.worker.ts";
import { ticketRoutingWorker } from "../../core/app/jobs/ticket-routing.worker.ts";
import type { TicketWorkflow } from "../../core/app/ticket-workflow.ts";
import { QUEUE, type QueueName } from "../../core/contracts/queues.ts";
import type { Actor } from "../../core/domain/ticket/ticket.actor.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { deadLetterRecorder } from "../../core/infra/jobs/dead-letters.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import {
  messagesTo as messagesOf,
  newTicket as newTestTicket,
  testQueues,
  testWorkflow,
} from "../support/app.ts";
import { nextWib, plus } from "../support/clock.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../support/env.ts";
import { jobOutcome } from "../support/jobs.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("workflow");
const logger = createLogger({ level: "silent" }, { write: () => {} });
let db: Database;
let redis: Redis;
let queues: ReturnType<typeof testQueues>;
const queueFor = (name: QueueName) => queues.queueFor(name);
// The next Wednesday, 09:00 WIB: inside office hours, whenever the test runs.
const WEDNESDAY_0900 = nextWib("wednesday", "09:00");
const minutesAfter = (minutes: number) => plus({ minutes }, WEDNESDAY_0900);
let clock = WEDNESDAY_0900;
let workflow: TicketWorkflow;

const helpdesk: Actor = { type: "AGENT", agentId: "agent-helpdesk", role: "HELPDESK" };
const verifikator: Actor = { type: "AGENT", agentId: "agent-verifikator", role: "VERIFIKATOR" };

const newTicket = (category = "DATA_PENYEDIA", extra: { bidDeadline?: string } = {}) =>
  newTestTicket(db, clock, { category, ...extra });
const messagesTo = (contactId: string) => messagesOf(db, contactId);

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
  redis = createRedis(TEST_REDIS_URL, "worker");
  queues = testQueues(redis, prefix);
  workflow = testWorkflow({ db, queueFor, logger, now: () => clock });
});
afterAll(async () => {
  await queues.closeAll();
  await redis.quit();
  await db.close();
  await deleteKeys(prefix);
});

describe("routing", () => {
  it("assigns team and priority, starts the helpdesk clock and tells the user, once", async () => {
    clock = WEDNESDAY_0900;
    const { ticketId, number, contactId } = await newTicket("DATA_PENYEDIA");
    expect(await workflow.routeTicket(ticketId)).toBe("routed");
    expect(await workflow.routeTicket(ticketId)).toBe("already routed");

    const ticket = await db.prisma.ticket.findUniqueOrThrow({
      where: { id: ticketId },
      include: { events: true },
    });
    expect(ticket).toMatchObject({
      status: "BARU",
      team: "VERIFIKATOR",
      priority: "NORMAL",
      slaStage: "HELPDESK",
    });
    // 15 business minutes from 09:00 WIB.
    expect(ticket.slaDueAt?.toISOString()).toBe(minutesAfter(15).toISOString());
    expect(
      ticket.events.map((e) => (e.data as { command?: string } | null)?.command ?? "SUBMIT"),
    ).toEqual(["SUBMIT", "ROUTE"]);
    const messages = await messagesTo(contactId);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(number);

    // The two delayed checks: reminder at 80% (12 minutes), breach at 15.
    const checks = await db.prisma.outboxEvent.findMany({
      where: { name: "sla.check", payload: { path: ["ticketId"], equals: ticketId } },
      orderBy: { deliverAt: "asc" },
    });
    expect(
      checks.map((c) => [(c.payload as { kind: string }).kind, c.deliverAt?.toISOString()]),
    ).toEqual([
      ["reminder", minutesAfter(12).toISOString()],
      ["breach", minutesAfter(15).toISOString()],
    ]);
    const job = await queueFor(QUEUE.sla).getJob(checks[0]?.id ?? "");
    expect(await job?.getState()).toBe("delayed");
    // The delay runs from the workflow's clock, not the host's: 12 minutes.
    expect(job?.delay).toBe(12 * 60_000);
  });

  it("puts an upload problem close to its bid deadline at the top", async () => {
    clock = WEDNESDAY_0900;
    const { ticketId } = await newTicket("GAGAL_UNGGAH_PENAWARAN", {
      bidDeadline: minutesAfter(120).toISOString(),
    });
    await workflow.routeTicket(ticketId);
    const ticket = await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    expect(ticket.priority).toBe("MENDESAK");
  });

  it("is done by the routing worker from a ticket.created job", async () => {
    const { ticketId } = await newTicket("LUPA_PASSWORD");
    const worker = ticketRoutingWorker({ workflow })({ connection: redis, prefix, logger });
    try {
      const job = await queueFor(QUEUE.tickets).add("ticket.created", { ticketId });
      expect(await jobOutcome(queueFor(QUEUE.tickets), job)).toEqual({ outcome: "routed" });
      expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } })).team).toBe(
        "HELPDESK",
      );
    } finally {
      await worker.close();
    }
  });
});

describe("status changes", () => {
  it("walks the whole procedure with one notification per step and a pausing clock", async () => {
    clock = WEDNESDAY_0900;
    const { ticketId, number, contactId } = await newTicket("DATA_PENYEDIA");
    await workflow.routeTicket(ticketId);
    const user: Actor = { type: "USER", contactId };
    const at = (minutes: number) => {
      clock = minutesAfter(minutes);
    };
    const steps: [
      number,
      Parameters<TicketWorkflow["changeStatus"]>[0]["command"],
      Actor,
      string,
    ][] = [
      [2, { type: "ACCEPT" }, helpdesk, "DITERIMA"],
      [4, { type: "FORWARD", team: "VERIFIKATOR" }, helpdesk, "DITERUSKAN"],
      [5, { type: "START_PROCESSING" }, verifikator, "DIPROSES"],
      [
        7,
        { type: "REQUEST_USER_INFO", reason: "Mohon kirim foto akta perubahan terbaru." },
        verifikator,
        "MENUNGGU_PENGGUNA",
      ],
      [60, { type: "USER_RESPONDED" }, user, "DIPROSES"],
      [
        62,
        { type: "ESCALATE_LKPP", lkppTicketNumber: "LKPP-778899" },
        verifikator,
        "ESKALASI_LKPP",
      ],
      [90, { type: "LKPP_RESPONDED" }, verifikator, "DIPROSES"],
      [
        95,
        { type: "RESOLVE", resolutionNote: "Data penyedia sudah diverifikasi." },
        verifikator,
        "SELESAI",
      ],
      [100, { type: "CLOSE" }, helpdesk, "DITUTUP"],
    ];
    for (const [minute, command, actor, expected] of steps) {
      at(minute);
      const result = await workflow.changeStatus({ ticketId, command, actor });
      expect(result, `${command.type} -> ${expected}`).toEqual({
        ok: true,
        value: { status: expected, eventId: expect.any(String) },
      });
      const ticket = await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } });
      if (expected === "DIPROSES" && minute === 5) {
        // The team's clock started when the ticket was forwarded (minute 4).
        expect(ticket.slaDueAt?.toISOString()).toBe(minutesAfter(19).toISOString());
      }
      if (expected === "MENUNGGU_PENGGUNA")
        expect(ticket.slaPausedAt?.toISOString()).toBe(clock.toISOString());
      if (expected === "DIPROSES" && minute === 60) {
        // 12 minutes were left at the pause (minute 7 of 19): due at 60 + 12.
        expect(ticket.slaPausedAt).toBeNull();
        expect(ticket.slaDueAt?.toISOString()).toBe(minutesAfter(72).toISOString());
      }
      if (expected === "DITUTUP") expect(ticket.closedAt?.toISOString()).toBe(clock.toISOString());
    }
    const messages = await messagesTo(contactId);
    expect(messages).toHaveLength(1 + steps.length);
    for (const text of messages) expect(text).toContain(number);
    expect(messages[4]).toContain("Mohon kirim foto akta perubahan terbaru.");
    expect(messages[6]).toContain("LKPP-778899");
    expect(messages[8]).toContain("Data penyedia sudah diverifikasi.");
    const events = await db.prisma.ticketEvent.count({ where: { ticketId } });
    expect(events).toBe(2 + steps.length);
  });

  it("refuses illegal steps and wrong actors, writing nothing", async () => {
    const { ticketId, contactId } = await newTicket();
    await workflow.routeTicket(ticketId);
    const before = await messagesTo(contactId);
    const system: Actor = { type: "SYSTEM", component: "test" };
    const resolve = await workflow.changeStatus({
      ticketId,
      command: { type: "RESOLVE", resolutionNote: "x" },
      actor: helpdesk,
    });
    expect(resolve).toMatchObject({ ok: false, error: { code: "INVALID_TRANSITION" } });
    const accept = await workflow.changeStatus({
      ticketId,
      command: { type: "ACCEPT" },
      actor: system,
    });
    expect(accept).toMatchObject({ ok: false, error: { code: "FORBIDDEN_ACTOR" } });
    if (!accept.ok) expect(accept.error.message.length).toBeGreaterThan(10);
    const missing = await workflow.changeStatus({
      ticketId: randomUUID(),
      command: { type: "ACCEPT" },
      actor: helpdesk,
    });
    expect(missing).toMatchObject({ ok: false, error: { code: "TICKET_NOT_FOUND" } });
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } })).status).toBe(
      "BARU",
    );
    expect(await messagesTo(contactId)).toEqual(before);
  });

  it("lets only one of two agents accepting at once win", async () => {
    const { ticketId, contactId } = await newTicket();
    await workflow.routeTicket(ticketId);
    const results = await Promise.all([
      workflow.changeStatus({ ticketId, command: { type: "ACCEPT" }, actor: helpdesk }),
      workflow.changeStatus({
        ticketId,
        command: { type: "ACCEPT" },
        actor: { ...helpdesk, agentId: "agent-2" },
      }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.prisma.ticketEvent.count({ where: { ticketId, toStatus: "DITERIMA" } })).toBe(
      1,
    );
    expect(await messagesTo(contactId)).toHaveLength(2);
  });
});

describe("service-time checks and dead letters", () => {
  it("records a reminder and a breach once, ignores stale checks, and alerts the agents", async () => {
    clock = WEDNESDAY_0900;
    const { ticketId } = await newTicket();
    await workflow.routeTicket(ticketId);
    const ticket = await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    const dueAt = ticket.slaDueAt?.toISOString() ?? "";
    const worker = slaWorker({ prisma: db.prisma, queueFor, now: () => clock })({
      connection: redis,
      prefix,
      logger,
    });
    const run = async (data: object) => {
      const job = await queueFor(QUEUE.sla).add("sla.check", data);
      return jobOutcome(queueFor(QUEUE.sla), job);
    };
    try {
      expect(await run({ ticketId, kind: "reminder", dueAt })).toEqual({ outcome: "reminder" });
      expect(await run({ ticketId, kind: "reminder", dueAt })).toEqual({ outcome: "already done" });
      expect(await run({ ticketId, kind: "breach", dueAt })).toEqual({ outcome: "breach" });
      const moved = plus({ days: -1 }, WEDNESDAY_0900).toISOString();
      expect(await run({ ticketId, kind: "breach", dueAt: moved })).toEqual({
        outcome: "stale",
      });
    } finally {
      await worker.close();
    }
    const after = await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    expect(after.slaRemindedAt).not.toBeNull();
    expect(after.slaBreachedAt).not.toBeNull();
    const alerts = await db.prisma.outboxEvent.findMany({
      where: { queue: QUEUE.agentAlerts, payload: { path: ["ticketId"], equals: ticketId } },
    });
    expect(alerts.map((a) => a.name).sort()).toEqual(["sla.breach", "sla.reminder"]);
  });

  it("moves a poison job to the dead-letter table at once and alerts", async () => {
    const onDeadLetter = deadLetterRecorder({ prisma: db.prisma, queueFor, logger });
    const worker = ticketRoutingWorker({ workflow })({
      connection: redis,
      prefix,
      logger,
      onDeadLetter,
    });
    try {
      const poison = await queueFor(QUEUE.tickets).add("ticket.created", {
        ticketId: "not-a-uuid",
      });
      await expect(jobOutcome(queueFor(QUEUE.tickets), poison)).rejects.toThrow(
        /Invalid tickets job/,
      );
      let letter = null;
      for (let i = 0; i < 50 && !letter; i++) {
        letter = await db.prisma.deadLetter.findFirst({
          where: { queue: QUEUE.tickets, jobId: poison.id ?? "" },
        });
        if (!letter) await new Promise((r) => setTimeout(r, 50));
      }
      expect(letter).toMatchObject({
        name: "ticket.created",
        attempts: 1,
        data: { ticketId: "not-a-uuid" },
      });
      // The alert row commits with the dead letter and is published right after.
      let alert = null;
      for (let i = 0; i < 50 && alert?.status !== "PUBLISHED"; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 50));
        alert = await db.prisma.outboxEvent.findFirst({
          where: {
            name: "dead-letter",
            payload: { path: ["deadLetterId"], equals: letter?.id ?? "" },
          },
        });
      }
      expect(alert?.status).toBe("PUBLISHED");
    } finally {
      await worker.close();
    }
  });
});
