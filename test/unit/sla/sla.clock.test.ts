// Instants are written in UTC; comments give the WIB (UTC+7) wall clock.
// December 2026: Wed 2, Thu 3, Fri 4, Sat 5, Sun 6, Mon 7; Wed 23, Thu 24, Fri 25, Mon 28.
import { describe, expect, it } from "vitest";
import {
  BusinessCalendarSchema,
  DEFAULT_BUSINESS_CALENDAR,
} from "../../../core/domain/sla/business-calendar.schema.ts";
import {
  NO_SLA,
  pauseSla,
  type SlaPlan,
  type SlaState,
  slaPlan,
  slaTargetMinutes,
  startSla,
} from "../../../core/domain/sla/sla.clock.ts";
import {
  fromSlaColumns,
  parseSlaStage,
  toSlaColumns,
} from "../../../core/domain/sla/sla.columns.ts";
import { DEFAULT_SLA_POLICY, SlaPolicySchema } from "../../../core/domain/sla/sla.policy.ts";
import {
  applySlaTransition,
  type SlaStatusChange,
  slaStageForStatus,
  slaStateFromEvents,
} from "../../../core/domain/sla/sla.transition.ts";
import type { Actor } from "../../../core/domain/ticket/ticket.actor.ts";
import type { TicketCommand } from "../../../core/domain/ticket/ticket.commands.ts";
import { TICKET_STATUSES, type TicketStatus } from "../../../core/domain/ticket/ticket.enums.ts";
import {
  resumeStatusFromEvents,
  submissionEvent,
  type TicketEventDraft,
} from "../../../core/domain/ticket/ticket.events.ts";
import { type TicketSnapshot, transition } from "../../../core/domain/ticket/ticket.lifecycle.ts";

const cal = DEFAULT_BUSINESS_CALENDAR;
const d = (iso: string) => new Date(iso);
const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

function running(plan: SlaPlan) {
  if (plan.clock !== "RUNNING") throw new Error(`expected a running clock, got ${plan.clock}`);
  return plan;
}
function paused(plan: SlaPlan) {
  if (plan.clock !== "PAUSED") throw new Error(`expected a paused clock, got ${plan.clock}`);
  return plan;
}
const change = (
  fromStatus: TicketStatus | null,
  toStatus: TicketStatus,
  at: string,
): SlaStatusChange => ({
  fromStatus,
  toStatus,
  createdAt: d(at),
});

describe("stages and targets", () => {
  it.each([
    ["BARU", "HELPDESK"],
    ["DITERIMA", "HELPDESK"],
    ["DITERUSKAN", "TEAM"],
    ["DIPROSES", "TEAM"],
    ["ESKALASI_LKPP", "LKPP"],
    ["MENUNGGU_PENGGUNA", null],
    ["SELESAI", null],
    ["DITUTUP", null],
    ["DITOLAK", null],
    ["DIBATALKAN", null],
  ] as const)("%s -> %s", (status, stage) => {
    expect(slaStageForStatus(status)).toBe(stage);
  });

  it("maps every status", () => {
    expect(TICKET_STATUSES.map(slaStageForStatus)).toHaveLength(10);
  });

  it("targets 15 min for HELPDESK and TEAM, none for LKPP", () => {
    expect(slaTargetMinutes("HELPDESK", DEFAULT_SLA_POLICY)).toBe(15);
    expect(slaTargetMinutes("TEAM", DEFAULT_SLA_POLICY)).toBe(15);
    expect(slaTargetMinutes("LKPP", DEFAULT_SLA_POLICY)).toBeNull();
    expect(DEFAULT_SLA_POLICY.reminderFraction).toBe(0.8);
  });
});

describe("a running clock across the weekend", () => {
  // Submitted Friday 15:50: 10 minutes left today, 5 on Monday.
  const state = startSla("HELPDESK", d("2026-12-04T08:50:00Z"), cal);

  it("is due Monday 07:35 with the reminder at 80 % (12 min) on Monday 07:32", () => {
    expect(iso(state.dueAt)).toBe("2026-12-07T00:35:00.000Z");
    const plan = running(slaPlan(state, cal, d("2026-12-04T08:55:00Z"))); // Fri 15:55
    expect(iso(plan.reminderAt)).toBe("2026-12-07T00:32:00.000Z");
    expect(iso(plan.breachAt)).toBe("2026-12-07T00:35:00.000Z");
    expect(plan).toMatchObject({
      stage: "HELPDESK",
      targetMinutes: 15,
      elapsedBusinessMinutes: 5,
      remainingBusinessMinutes: 10,
      reminderDue: false,
      breached: false,
    });
  });

  it.each([
    ["Sat 10:00", "2026-12-05T03:00:00Z", 10, false, false],
    ["Mon 07:31", "2026-12-07T00:31:00Z", 11, false, false],
    ["Mon 07:32", "2026-12-07T00:32:00Z", 12, true, false],
    ["Mon 07:35", "2026-12-07T00:35:00Z", 15, true, true],
    ["Mon 07:40", "2026-12-07T00:40:00Z", 20, true, true],
  ])(
    "at %s: %d min elapsed, reminder %s, breached %s",
    (_label, now, elapsed, reminderDue, breached) => {
      const plan = running(slaPlan(state, cal, d(now)));
      expect(plan.elapsedBusinessMinutes).toBe(elapsed);
      expect(plan.remainingBusinessMinutes).toBe(15 - elapsed);
      expect(plan.reminderDue).toBe(reminderDue);
      expect(plan.breached).toBe(breached);
    },
  );
});

describe("clock start outside hours", () => {
  it("starts at opening when the ticket comes in before 07:30", () => {
    const state = startSla("HELPDESK", d("2026-12-01T23:00:00Z"), cal); // Wed 06:00
    const plan = running(slaPlan(state, cal, d("2026-12-01T23:30:00Z")));
    expect(iso(plan.dueAt)).toBe("2026-12-02T00:45:00.000Z"); // Wed 07:45
    expect(iso(plan.reminderAt)).toBe("2026-12-02T00:42:00.000Z"); // Wed 07:42
    expect(plan.elapsedBusinessMinutes).toBe(0);
  });

  it("starts next working morning after hours", () => {
    const state = startSla("TEAM", d("2026-12-03T12:00:00Z"), cal); // Thu 19:00
    expect(iso(state.dueAt)).toBe("2026-12-04T00:45:00.000Z"); // Fri 07:45
  });

  it("uses the configured Friday hours", () => {
    const longFriday = BusinessCalendarSchema.parse({
      weeklyHours: { ...cal.weeklyHours, friday: [{ start: "07:30", end: "16:30" }] },
    });
    const state = startSla("HELPDESK", d("2026-12-04T08:50:00Z"), longFriday); // Fri 15:50
    const plan = running(slaPlan(state, longFriday, d("2026-12-04T08:50:00Z")));
    expect(iso(plan.dueAt)).toBe("2026-12-04T09:05:00.000Z"); // Fri 16:05
    expect(iso(plan.reminderAt)).toBe("2026-12-04T09:02:00.000Z"); // Fri 16:02
  });
});

describe("pause and resume", () => {
  // TEAM clock from Wed 09:10, due 09:25.
  const team = startSla("TEAM", d("2026-12-02T02:10:00Z"), cal);

  it("pausing keeps the due time and freezes the remaining minutes", () => {
    const state = applySlaTransition(
      team,
      change("DIPROSES", "MENUNGGU_PENGGUNA", "2026-12-02T02:20:00Z"),
      cal,
    );
    expect(toSlaColumns(state)).toEqual({
      slaStage: "TEAM",
      slaDueAt: d("2026-12-02T02:25:00Z"),
      slaPausedAt: d("2026-12-02T02:20:00Z"),
    });
    const plan = paused(slaPlan(state, cal, d("2026-12-02T04:00:00Z"))); // Wed 11:00
    expect(plan).toMatchObject({
      stage: "TEAM",
      targetMinutes: 15,
      remainingBusinessMinutes: 5,
      elapsedBusinessMinutes: 10,
      pausedBusinessMinutes: 100,
    });
  });

  it("resuming adds the remaining minutes to the resume time, after hours to the next morning", () => {
    const waiting = applySlaTransition(
      team,
      change("DIPROSES", "MENUNGGU_PENGGUNA", "2026-12-02T02:20:00Z"),
      cal,
    );
    // The user answers Wed 17:30: 5 minutes left -> Thu 07:35
    const resumed = applySlaTransition(
      waiting,
      change("MENUNGGU_PENGGUNA", "DIPROSES", "2026-12-02T10:30:00Z"),
      cal,
    );
    expect(toSlaColumns(resumed)).toEqual({
      slaStage: "TEAM",
      slaDueAt: d("2026-12-03T00:35:00Z"),
      slaPausedAt: null,
    });
    const plan = running(slaPlan(resumed, cal, d("2026-12-03T00:30:00Z"))); // Thu 07:30
    expect(iso(plan.reminderAt)).toBe("2026-12-03T00:32:00.000Z"); // 3 min (20 %) before due
    expect(plan.elapsedBusinessMinutes).toBe(10);
    expect(plan.reminderDue).toBe(false);
  });

  it("a resume across a weekend and holidays", () => {
    const christmas = BusinessCalendarSchema.parse({ holidays: ["2026-12-24", "2026-12-25"] });
    const started = startSla("TEAM", d("2026-12-23T08:50:00Z"), christmas); // Wed 23 Dec 15:50
    expect(iso(started.dueAt)).toBe("2026-12-28T00:35:00.000Z"); // Mon 28 Dec 07:35
    const waiting = pauseSla(started, d("2026-12-23T08:55:00Z")); // Wed 15:55, 10 left
    const resumed = applySlaTransition(
      waiting,
      change("MENUNGGU_PENGGUNA", "DIPROSES", "2026-12-28T02:00:00Z"), // Mon 09:00
      christmas,
    );
    expect(iso(resumed.dueAt)).toBe("2026-12-28T02:10:00.000Z"); // Mon 09:10
  });

  it("a resume with less than 20 % left makes the reminder due at once", () => {
    const waiting = pauseSla(team, d("2026-12-02T02:23:00Z")); // 2 min left
    const resumed = applySlaTransition(
      waiting,
      change("MENUNGGU_PENGGUNA", "DIPROSES", "2026-12-02T06:00:00Z"),
      cal,
    );
    const plan = running(slaPlan(resumed, cal, d("2026-12-02T06:00:00Z"))); // Wed 13:00
    expect(iso(plan.dueAt)).toBe("2026-12-02T06:02:00.000Z");
    expect(plan.reminderAt.getTime()).toBeLessThan(d("2026-12-02T06:00:00Z").getTime());
    expect(plan.reminderDue).toBe(true);
    expect(plan.breached).toBe(false);
  });

  it("a clock paused after its due time resumes overdue", () => {
    const waiting = pauseSla(team, d("2026-12-02T02:30:00Z")); // 5 min overdue
    expect(paused(slaPlan(waiting, cal, d("2026-12-02T03:00:00Z"))).remainingBusinessMinutes).toBe(
      -5,
    );
    const resumed = applySlaTransition(
      waiting,
      change("MENUNGGU_PENGGUNA", "DIPROSES", "2026-12-02T03:00:00Z"),
      cal,
    );
    expect(iso(resumed.dueAt)).toBe("2026-12-02T03:00:00.000Z");
    expect(running(slaPlan(resumed, cal, d("2026-12-02T03:00:00Z"))).breached).toBe(true);
  });

  it("pausing twice keeps the first pause", () => {
    const once = pauseSla(team, d("2026-12-02T02:15:00Z"));
    expect(pauseSla(once, d("2026-12-02T02:20:00Z"))).toBe(once);
  });

  it("a clock can be rebuilt from its columns", () => {
    const state = pauseSla(team, d("2026-12-02T02:15:00Z"));
    expect(fromSlaColumns(toSlaColumns(state))).toEqual(state);
    expect(fromSlaColumns({ slaStage: null, slaDueAt: null, slaPausedAt: null })).toEqual(NO_SLA);
    expect(parseSlaStage("TEAM")).toBe("TEAM");
    expect(parseSlaStage("team")).toBeNull();
  });
});

describe("escalation to LKPP", () => {
  const team = startSla("TEAM", d("2026-12-02T02:10:00Z"), cal); // Wed 09:10, due 09:25

  it("pauses the team's clock; the LKPP stage has no target", () => {
    const escalated = applySlaTransition(
      team,
      change("DIPROSES", "ESKALASI_LKPP", "2026-12-02T02:20:00Z"),
      cal,
    );
    expect(toSlaColumns(escalated)).toEqual({
      slaStage: "LKPP",
      slaDueAt: d("2026-12-02T02:25:00Z"),
      slaPausedAt: d("2026-12-02T02:20:00Z"),
    });
    const plan = paused(slaPlan(escalated, cal, d("2026-12-03T02:20:00Z"))); // Thu 09:20
    expect(plan).toMatchObject({
      stage: "LKPP",
      targetMinutes: null,
      remainingBusinessMinutes: 5,
      elapsedBusinessMinutes: 510, // one working day at LKPP
      pausedBusinessMinutes: 510,
    });
  });

  it("resumes the team's clock with its remaining minutes when LKPP answers", () => {
    const escalated = applySlaTransition(
      team,
      change("DIPROSES", "ESKALASI_LKPP", "2026-12-02T02:20:00Z"),
      cal,
    );
    const back = applySlaTransition(
      escalated,
      change("ESKALASI_LKPP", "DIPROSES", "2026-12-07T03:00:00Z"),
      cal,
    ); // Mon 10:00
    expect(toSlaColumns(back)).toEqual({
      slaStage: "TEAM",
      slaDueAt: d("2026-12-07T03:05:00Z"),
      slaPausedAt: null,
    });
  });

  it("stops when resolved at LKPP", () => {
    const escalated = applySlaTransition(
      team,
      change("DIPROSES", "ESKALASI_LKPP", "2026-12-02T02:20:00Z"),
      cal,
    );
    const done = applySlaTransition(
      escalated,
      change("ESKALASI_LKPP", "SELESAI", "2026-12-02T05:00:00Z"),
      cal,
    );
    expect(done).toEqual(NO_SLA);
    expect(slaPlan(done, cal, d("2026-12-02T05:00:00Z"))).toEqual({ clock: "NONE" });
  });
});

describe("stage changes", () => {
  const helpdesk = startSla("HELPDESK", d("2026-12-02T02:00:00Z"), cal); // Wed 09:00, due 09:15

  it("keeps the clock within a stage and restarts it on a new stage", () => {
    const accepted = applySlaTransition(
      helpdesk,
      change("BARU", "DITERIMA", "2026-12-02T02:05:00Z"),
      cal,
    );
    expect(accepted).toBe(helpdesk);
    const forwarded = applySlaTransition(
      accepted,
      change("DITERIMA", "DITERUSKAN", "2026-12-02T02:10:00Z"),
      cal,
    );
    expect(toSlaColumns(forwarded)).toEqual({
      slaStage: "TEAM",
      slaDueAt: d("2026-12-02T02:25:00Z"),
      slaPausedAt: null,
    });
    const processing = applySlaTransition(
      forwarded,
      change("DITERUSKAN", "DIPROSES", "2026-12-02T02:12:00Z"),
      cal,
    );
    expect(processing).toBe(forwarded);
    // A re-forward to another team does not give a fresh 15 minutes.
    const reforwarded = applySlaTransition(
      processing,
      change("DIPROSES", "DITERUSKAN", "2026-12-02T02:20:00Z"),
      cal,
    );
    expect(reforwarded).toBe(forwarded);
  });

  it.each(["SELESAI", "DITUTUP", "DITOLAK", "DIBATALKAN"] as const)("stops on %s", (to) => {
    expect(
      applySlaTransition(helpdesk, change("DITERIMA", to, "2026-12-02T02:05:00Z"), cal),
    ).toEqual(NO_SLA);
  });

  it("stops when a waiting ticket is cancelled", () => {
    const waiting = pauseSla(helpdesk, d("2026-12-02T02:05:00Z"));
    expect(
      applySlaTransition(
        waiting,
        change("MENUNGGU_PENGGUNA", "DIBATALKAN", "2026-12-02T03:00:00Z"),
        cal,
      ),
    ).toEqual(NO_SLA);
  });

  it("a reopened ticket gets a fresh TEAM clock", () => {
    const reopened = applySlaTransition(
      NO_SLA,
      change("SELESAI", "DIPROSES", "2026-12-02T04:00:00Z"),
      cal,
    );
    expect(toSlaColumns(reopened)).toEqual({
      slaStage: "TEAM",
      slaDueAt: d("2026-12-02T04:15:00Z"),
      slaPausedAt: null,
    });
  });

  it("follows a configured policy", () => {
    const policy = SlaPolicySchema.parse({ teamMinutes: 30, reminderFraction: 0.5 });
    const state = startSla("TEAM", d("2026-12-02T02:00:00Z"), cal, policy);
    const plan = running(slaPlan(state, cal, d("2026-12-02T02:00:00Z"), policy));
    expect(iso(plan.dueAt)).toBe("2026-12-02T02:30:00.000Z");
    expect(iso(plan.reminderAt)).toBe("2026-12-02T02:15:00.000Z");
  });

  it("rejects an invalid policy", () => {
    expect(SlaPolicySchema.safeParse({ reminderFraction: 1 }).success).toBe(false);
    expect(SlaPolicySchema.safeParse({ helpdeskMinutes: 0 }).success).toBe(false);
    expect(SlaPolicySchema.safeParse({ lkppMinutes: 5 }).success).toBe(false);
  });
});

describe("a whole ticket through the lifecycle", () => {
  it("replays the events into the same clock a worker keeps step by step", () => {
    const owner = "0193a000-0000-7000-8000-000000000001";
    const user: Actor = { type: "USER", contactId: owner };
    const helpdesk: Actor = { type: "AGENT", agentId: "a-1", role: "HELPDESK" };
    const admin: Actor = { type: "AGENT", agentId: "a-2", role: "ADMIN" };
    const steps: [string, TicketCommand, Actor][] = [
      ["2026-12-02T02:05:00Z", { type: "ACCEPT" }, helpdesk], // Wed 09:05
      ["2026-12-02T02:10:00Z", { type: "FORWARD", team: "ADMIN" }, helpdesk], // 09:10 -> TEAM due 09:25
      ["2026-12-02T02:12:00Z", { type: "START_PROCESSING" }, admin],
      [
        "2026-12-02T02:20:00Z",
        { type: "REQUEST_USER_INFO", reason: "Tangkapan layar galat" },
        admin,
      ],
      ["2026-12-02T10:30:00Z", { type: "USER_RESPONDED" }, user], // Wed 17:30 -> due Thu 07:35
      ["2026-12-03T00:33:00Z", { type: "ESCALATE_LKPP", lkppTicketNumber: "884213" }, admin], // Thu 07:33, 2 left
      ["2026-12-07T03:00:00Z", { type: "LKPP_RESPONDED" }, admin], // Mon 10:00 -> due 10:02
    ];

    let snapshot: TicketSnapshot = {
      status: "BARU",
      contactId: owner,
      team: "ADMIN",
      resumeStatus: null,
      resolvedAt: null,
    };
    const submitted = submissionEvent(user, d("2026-12-02T02:00:00Z"));
    const events: TicketEventDraft[] = [submitted];
    let clock: SlaState = applySlaTransition(NO_SLA, submitted, cal);
    expect(iso(clock.dueAt)).toBe("2026-12-02T02:15:00.000Z");

    for (const [at, command, actor] of steps) {
      const result = transition(snapshot, command, actor, d(at));
      if (!result.ok) throw new Error(result.error.messageEn);
      const step = result.value;
      events.push(step.event);
      clock = applySlaTransition(clock, step.event, cal);
      snapshot = {
        ...snapshot,
        status: step.status,
        team: step.changes.team ?? snapshot.team,
        resumeStatus: resumeStatusFromEvents(events),
      };
    }

    expect(toSlaColumns(clock)).toEqual({
      slaStage: "TEAM",
      slaDueAt: d("2026-12-07T03:02:00Z"),
      slaPausedAt: null,
    });
    const plan = running(slaPlan(clock, cal, d("2026-12-07T03:00:00Z")));
    expect(plan).toMatchObject({ elapsedBusinessMinutes: 13, reminderDue: true, breached: false });

    // Rebuilding from the stored events (in any order) gives the same clock.
    expect(slaStateFromEvents([...events].reverse(), cal)).toEqual(clock);
  });
});
