import { describe, expect, it } from "vitest";
import type { TicketCommand } from "../../../core/domain/ticket/ticket.commands.ts";
import { TEAMS } from "../../../core/domain/ticket/ticket.enums.ts";
import {
  resumeStatusFromEvents,
  submissionEvent,
} from "../../../core/domain/ticket/ticket.events.ts";
import {
  allowedCommands,
  type TicketSnapshot,
  type TransitionResult,
  transition,
} from "../../../core/domain/ticket/ticket.lifecycle.ts";
import {
  DEFAULT_LIFECYCLE_POLICY,
  LifecyclePolicySchema,
} from "../../../core/domain/ticket/ticket.policy.ts";
import { rolesInScope } from "../../../core/domain/ticket/ticket.transitions.ts";
import { AT, agent, OTHER_CONTACT_ID, OWNER_ID, system, ticket, user } from "./ticket.fixtures.ts";

const MINUTE = 60_000;
const helpdesk = agent("HELPDESK");
const verifikator = agent("VERIFIKATOR");
const supervisor = agent("SUPERVISOR");

function expectError(result: TransitionResult, code: string) {
  expect(result).toMatchObject({ ok: false, error: { code } });
}

function ok(result: TransitionResult) {
  if (!result.ok) {
    throw new Error(`expected success, got ${result.error.code}: ${result.error.messageEn}`);
  }
  return result.value;
}

describe("events", () => {
  it("records who, from, to, when and the command", () => {
    const result = ok(
      transition(ticket("BARU"), { type: "ACCEPT", note: "  Data lengkap " }, helpdesk, AT),
    );
    expect(result.status).toBe("DITERIMA");
    expect(result.event).toEqual({
      fromStatus: "BARU",
      toStatus: "DITERIMA",
      actorType: "AGENT",
      actorId: "agent-helpdesk",
      reason: "Data lengkap",
      data: { command: "ACCEPT" },
      createdAt: AT,
    });
    expect(result.changes).toEqual({});
  });

  it("stores the user's contact id and the system component as actorId", () => {
    const cancel = ok(transition(ticket("BARU"), { type: "CANCEL" }, user, AT));
    expect(cancel.event).toMatchObject({ actorType: "USER", actorId: OWNER_ID, reason: null });
    const close = ok(
      transition(
        ticket("SELESAI", { resolvedAt: new Date(AT.getTime() - 5 * 24 * 60 * MINUTE) }),
        { type: "CLOSE" },
        system,
        AT,
      ),
    );
    expect(close.event).toMatchObject({ actorType: "SYSTEM", actorId: "auto-close" });
    expect(close.changes).toEqual({ closedAt: AT });
  });

  it("submissionEvent opens the log with BARU", () => {
    expect(submissionEvent(user, AT)).toEqual({
      fromStatus: null,
      toStatus: "BARU",
      actorType: "USER",
      actorId: OWNER_ID,
      reason: null,
      data: { command: "SUBMIT" },
      createdAt: AT,
    });
  });
});

describe("check order", () => {
  it("reports an impossible step before a forbidden actor", () => {
    expectError(transition(ticket("DITUTUP"), { type: "ACCEPT" }, user, AT), "INVALID_TRANSITION");
  });

  it("reports a forbidden actor before missing data", () => {
    expectError(
      transition(ticket("DIPROSES"), { type: "RESOLVE", resolutionNote: "" }, user, AT),
      "FORBIDDEN_ACTOR",
    );
  });

  it("lists the possible steps in the INVALID_TRANSITION message", () => {
    const result = transition(
      ticket("BARU"),
      { type: "RESOLVE", resolutionNote: "x" },
      helpdesk,
      AT,
    );
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "INVALID_TRANSITION",
        message:
          "Tidak dapat menyelesaikan tiket: tiket berstatus Baru. Perintah yang dapat dipakai: /ambil, /tolak.",
      },
    });
  });

  it("names who may act in the FORBIDDEN_ACTOR message", () => {
    const result = transition(ticket("BARU"), { type: "ACCEPT" }, system, AT);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "FORBIDDEN_ACTOR",
        message:
          "Sistem (auto-close) tidak berwenang menerima tiket saat tiket berstatus Baru. Yang berwenang: petugas Helpdesk, petugas Supervisor.",
      },
    });
  });
});

describe("user ownership", () => {
  it("refuses a user who does not own the ticket", () => {
    const stranger = { type: "USER", contactId: OTHER_CONTACT_ID } as const;
    const result = transition(ticket("BARU"), { type: "CANCEL" }, stranger, AT);
    expect(result).toMatchObject({ ok: false, error: { code: "FORBIDDEN_ACTOR" } });
    if (!result.ok) expect(result.error.message).toContain("pemilik tiket");
    expect(allowedCommands(ticket("BARU"), stranger)).toEqual([]);
  });
});

describe("FORWARD", () => {
  it("forwards from DITERIMA to the routed team and records the teams", () => {
    const result = ok(
      transition(
        ticket("DITERIMA", { team: "VERIFIKATOR" }),
        { type: "FORWARD", team: "VERIFIKATOR" },
        helpdesk,
        AT,
      ),
    );
    expect(result.status).toBe("DITERUSKAN");
    expect(result.changes).toEqual({ team: "VERIFIKATOR" });
    expect(result.event.data).toEqual({
      command: "FORWARD",
      team: "VERIFIKATOR",
      previousTeam: "VERIFIKATOR",
    });
  });

  it("passes a misrouted ticket on to another team", () => {
    const result = ok(
      transition(ticket("DIPROSES"), { type: "FORWARD", team: "BIDANG" }, verifikator, AT),
    );
    expect(result.status).toBe("DITERUSKAN");
    expect(result.changes).toEqual({ team: "BIDANG" });
  });

  it.each(["LKPP", "HELPDESK"] as const)("refuses %s as a forward target", (team) => {
    expectError(
      transition(ticket("DITERIMA"), { type: "FORWARD", team }, helpdesk, AT),
      "INVALID_TEAM",
    );
  });

  it("refuses forwarding to the team that already has it", () => {
    const result = transition(
      ticket("DITERUSKAN"),
      { type: "FORWARD", team: "VERIFIKATOR" },
      helpdesk,
      AT,
    );
    expectError(result, "INVALID_TEAM");
    if (!result.ok) expect(result.error.message).toContain("sudah berada di tim Verifikator");
  });
});

describe("MENUNGGU_PENGGUNA", () => {
  it.each(["", "   ", undefined])("REQUEST_USER_INFO needs a reason (%j)", (reason) => {
    const command = { type: "REQUEST_USER_INFO", reason } as TicketCommand;
    expectError(transition(ticket("DIPROSES"), command, verifikator, AT), "MISSING_REASON");
  });

  it.each(["DITERIMA", "DITERUSKAN", "DIPROSES"] as const)("remembers it came from %s", (from) => {
    const actor = from === "DITERIMA" ? helpdesk : verifikator;
    const result = ok(
      transition(ticket(from), { type: "REQUEST_USER_INFO", reason: " Kirim KTP " }, actor, AT),
    );
    expect(result.status).toBe("MENUNGGU_PENGGUNA");
    expect(result.event.reason).toBe("Kirim KTP");
    expect(result.event.data.resumeTo).toBe(from);
  });

  it.each(["DITERIMA", "DITERUSKAN", "DIPROSES"] as const)(
    "returns to %s when the user answers",
    (back) => {
      const result = ok(
        transition(
          ticket("MENUNGGU_PENGGUNA", { resumeStatus: back }),
          { type: "USER_RESPONDED" },
          user,
          AT,
        ),
      );
      expect(result.status).toBe(back);
      expect(result.event).toMatchObject({ fromStatus: "MENUNGGU_PENGGUNA", toStatus: back });
    },
  );

  it("refuses to resume when the previous status is unknown", () => {
    expectError(
      transition(
        ticket("MENUNGGU_PENGGUNA", { resumeStatus: null }),
        { type: "USER_RESPONDED" },
        user,
        AT,
      ),
      "INCONSISTENT_TICKET",
    );
  });
});

describe("ESKALASI_LKPP", () => {
  it.each(["", "  ", undefined])("needs the LKPP ticket number (%j)", (lkppTicketNumber) => {
    const command = { type: "ESCALATE_LKPP", lkppTicketNumber } as TicketCommand;
    expectError(
      transition(ticket("DIPROSES"), command, helpdesk, AT),
      "MISSING_LKPP_TICKET_NUMBER",
    );
  });

  it("stores the LKPP number on the ticket and in the event", () => {
    const result = ok(
      transition(
        ticket("DIPROSES"),
        { type: "ESCALATE_LKPP", lkppTicketNumber: " #884213 " },
        agent("ADMIN"),
        AT,
      ),
    );
    expect(result.status).toBe("ESKALASI_LKPP");
    expect(result.changes).toEqual({ lkppTicketNumber: "#884213" });
    expect(result.event.data).toEqual({
      command: "ESCALATE_LKPP",
      lkppTicketNumber: "#884213",
      resumeTo: "DIPROSES",
    });
  });

  it("returns to the stage it was escalated from when LKPP answers", () => {
    const result = ok(
      transition(
        ticket("ESKALASI_LKPP", { resumeStatus: "DITERIMA" }),
        { type: "LKPP_RESPONDED" },
        helpdesk,
        AT,
      ),
    );
    expect(result.status).toBe("DITERIMA");
  });
});

describe("RESOLVE, CLOSE and REOPEN", () => {
  it.each(["", " ", undefined])("RESOLVE needs a resolution note (%j)", (resolutionNote) => {
    const command = { type: "RESOLVE", resolutionNote } as TicketCommand;
    expectError(
      transition(ticket("DIPROSES"), command, verifikator, AT),
      "MISSING_RESOLUTION_NOTE",
    );
  });

  it("RESOLVE sets resolvedAt and keeps the note as reason", () => {
    const result = ok(
      transition(
        ticket("ESKALASI_LKPP"),
        { type: "RESOLVE", resolutionNote: "Diperbaiki LKPP" },
        helpdesk,
        AT,
      ),
    );
    expect(result.status).toBe("SELESAI");
    expect(result.changes).toEqual({ resolvedAt: AT });
    expect(result.event.reason).toBe("Diperbaiki LKPP");
  });

  const window = DEFAULT_LIFECYCLE_POLICY.reopenWindowMinutes;
  const resolvedAt = new Date("2026-12-01T03:00:00Z");
  const endOfWindow = new Date(resolvedAt.getTime() + window * MINUTE);
  const reopen: TicketCommand = { type: "REOPEN", reason: "Masih gagal" };

  it("the default reopen window is 3 days", () => {
    expect(window).toBe(3 * 24 * 60);
  });

  it("REOPEN is allowed up to the end of the window, then refused", () => {
    const selesai = ticket("SELESAI", { resolvedAt });
    const inTime = ok(transition(selesai, reopen, user, endOfWindow));
    expect(inTime.status).toBe("DIPROSES");
    expect(inTime.changes).toEqual({ resolvedAt: null });
    expectError(
      transition(selesai, reopen, user, new Date(endOfWindow.getTime() + 1)),
      "REOPEN_WINDOW_EXPIRED",
    );
    expectError(
      transition(selesai, reopen, supervisor, new Date(endOfWindow.getTime() + 1)),
      "REOPEN_WINDOW_EXPIRED",
    );
  });

  it("REOPEN needs a reason", () => {
    expectError(
      transition(ticket("SELESAI"), { type: "REOPEN", reason: " " }, user, AT),
      "MISSING_REASON",
    );
  });

  it("the system may auto-close only after the reopen window", () => {
    const selesai = ticket("SELESAI", { resolvedAt });
    expectError(
      transition(selesai, { type: "CLOSE" }, system, endOfWindow),
      "AUTO_CLOSE_TOO_EARLY",
    );
    const closed = ok(
      transition(selesai, { type: "CLOSE" }, system, new Date(endOfWindow.getTime() + 1)),
    );
    expect(closed.status).toBe("DITUTUP");
  });

  it("the user and agents may close at once", () => {
    const selesai = ticket("SELESAI", { resolvedAt: AT });
    expect(transition(selesai, { type: "CLOSE" }, user, AT).ok).toBe(true);
    expect(transition(selesai, { type: "CLOSE" }, helpdesk, AT).ok).toBe(true);
  });

  it("refuses REOPEN and auto-close of a SELESAI ticket without resolvedAt", () => {
    const broken = ticket("SELESAI", { resolvedAt: null });
    expectError(transition(broken, reopen, user, AT), "INCONSISTENT_TICKET");
    expectError(transition(broken, { type: "CLOSE" }, system, AT), "INCONSISTENT_TICKET");
  });

  it("accepts a reopen window from the policy", () => {
    const policy = LifecyclePolicySchema.parse({ reopenWindowMinutes: 60 });
    const selesai = ticket("SELESAI", { resolvedAt: AT });
    const late = new Date(AT.getTime() + 61 * MINUTE);
    const result = transition(selesai, reopen, user, late, policy);
    expectError(result, "REOPEN_WINDOW_EXPIRED");
    if (!result.ok) expect(result.error.message).toContain("dalam 1 jam");
  });
});

describe("REJECT and CANCEL", () => {
  it("REJECT needs a reason and closes the ticket", () => {
    expectError(
      transition(ticket("BARU"), { type: "REJECT", reason: "" }, helpdesk, AT),
      "MISSING_REASON",
    );
    const result = ok(
      transition(
        ticket("BARU"),
        { type: "REJECT", reason: "Duplikat LDK-2026-00041" },
        helpdesk,
        AT,
      ),
    );
    expect(result.status).toBe("DITOLAK");
    expect(result.changes).toEqual({ closedAt: AT });
  });

  it("CANCEL needs no reason", () => {
    const result = ok(transition(ticket("MENUNGGU_PENGGUNA"), { type: "CANCEL" }, user, AT));
    expect(result.status).toBe("DIBATALKAN");
    expect(result.event.reason).toBeNull();
    expect(result.changes).toEqual({ closedAt: AT });
  });

  it.each(["SELESAI", "DITUTUP", "DITOLAK", "DIBATALKAN"] as const)(
    "the user cannot cancel a %s ticket",
    (status) => {
      expectError(transition(ticket(status), { type: "CANCEL" }, user, AT), "INVALID_TRANSITION");
    },
  );
});

describe("team handlers", () => {
  const expected = {
    HELPDESK: ["HELPDESK", "SUPERVISOR"],
    VERIFIKATOR: ["VERIFIKATOR", "SUPERVISOR"],
    ADMIN: ["ADMIN", "SUPERVISOR"],
    BIDANG: ["ANALIS", "SUPERVISOR"],
    ANALIS: ["ANALIS", "SUPERVISOR"],
    LKPP: ["SUPERVISOR"],
  } as const;

  it.each(TEAMS)("team %s is processed by its roles and the supervisor", (team) => {
    expect(rolesInScope("TEAM", team, DEFAULT_LIFECYCLE_POLICY)).toEqual(expected[team]);
    for (const role of ["HELPDESK", "VERIFIKATOR", "ADMIN", "ANALIS", "SUPERVISOR"] as const) {
      const result = transition(
        ticket("DITERUSKAN", { team }),
        { type: "START_PROCESSING" },
        agent(role),
        AT,
      );
      expect(result.ok, `${role} on ${team}`).toBe(
        (expected[team] as readonly string[]).includes(role),
      );
    }
  });

  it("treats a ticket without team as the front desk's", () => {
    expect(rolesInScope("TEAM", null, DEFAULT_LIFECYCLE_POLICY)).toEqual([
      "HELPDESK",
      "SUPERVISOR",
    ]);
  });

  it("follows a configured mapping", () => {
    const policy = LifecyclePolicySchema.parse({
      teamHandlers: { ...DEFAULT_LIFECYCLE_POLICY.teamHandlers, BIDANG: ["ADMIN"] },
    });
    const bidang = ticket("DITERUSKAN", { team: "BIDANG" });
    expect(transition(bidang, { type: "START_PROCESSING" }, agent("ADMIN"), AT, policy).ok).toBe(
      true,
    );
    expect(transition(bidang, { type: "START_PROCESSING" }, agent("ANALIS"), AT, policy).ok).toBe(
      false,
    );
  });

  it("rejects an invalid policy", () => {
    expect(LifecyclePolicySchema.safeParse({ reopenWindowMinutes: 0 }).success).toBe(false);
    expect(LifecyclePolicySchema.safeParse({ forwardTeams: ["LKPP"] }).success).toBe(false);
    expect(
      LifecyclePolicySchema.safeParse({
        teamHandlers: { ...DEFAULT_LIFECYCLE_POLICY.teamHandlers, ADMIN: ["KEPALA"] },
      }).success,
    ).toBe(false);
  });
});

describe("allowedCommands", () => {
  it("offers each actor only its steps", () => {
    expect(allowedCommands(ticket("BARU"), helpdesk)).toEqual(["ACCEPT", "REJECT"]);
    expect(allowedCommands(ticket("BARU"), system)).toEqual([]);
    expect(allowedCommands(ticket("DIPROSES"), user)).toEqual(["CANCEL"]);
    expect(allowedCommands(ticket("DIPROSES"), verifikator)).toEqual([
      "FORWARD",
      "REQUEST_USER_INFO",
      "ESCALATE_LKPP",
      "RESOLVE",
      "REJECT",
    ]);
    expect(allowedCommands(ticket("SELESAI"), user)).toEqual(["CLOSE", "REOPEN"]);
    expect(allowedCommands(ticket("DITUTUP"), supervisor)).toEqual([]);
  });
});

describe("resumeStatusFromEvents", () => {
  it("takes the status before the latest wait or escalation", () => {
    expect(
      resumeStatusFromEvents([
        { fromStatus: null, toStatus: "BARU" },
        { fromStatus: "BARU", toStatus: "DITERIMA" },
        { fromStatus: "DITERIMA", toStatus: "MENUNGGU_PENGGUNA" },
        { fromStatus: "MENUNGGU_PENGGUNA", toStatus: "DITERIMA" },
        { fromStatus: "DITERIMA", toStatus: "DITERUSKAN" },
        { fromStatus: "DITERUSKAN", toStatus: "DIPROSES" },
        { fromStatus: "DIPROSES", toStatus: "ESKALASI_LKPP" },
      ]),
    ).toBe("DIPROSES");
    expect(resumeStatusFromEvents([{ fromStatus: null, toStatus: "BARU" }])).toBeNull();
  });
});

describe("a whole ticket", () => {
  it("walks the procedure, applying each step's changes", () => {
    let snapshot: TicketSnapshot = ticket("BARU", { team: "ADMIN" });
    let minute = 0;
    const steps: [TicketCommand, Parameters<typeof transition>[2]][] = [
      [{ type: "ACCEPT" }, helpdesk],
      [{ type: "FORWARD", team: "VERIFIKATOR" }, helpdesk],
      [{ type: "START_PROCESSING" }, verifikator],
      [{ type: "REQUEST_USER_INFO", reason: "Kirim surat kuasa" }, verifikator],
      [{ type: "USER_RESPONDED" }, user],
      [{ type: "ESCALATE_LKPP", lkppTicketNumber: "884213" }, verifikator],
      [{ type: "LKPP_RESPONDED" }, verifikator],
      [{ type: "RESOLVE", resolutionNote: "Akun diaktifkan" }, verifikator],
      [{ type: "CLOSE" }, user],
    ];
    const events = [submissionEvent(user, AT)];
    for (const [command, actor] of steps) {
      minute += 5;
      const result = ok(
        transition(snapshot, command, actor, new Date(AT.getTime() + minute * MINUTE)),
      );
      events.push(result.event);
      snapshot = {
        ...snapshot,
        status: result.status,
        team: result.changes.team ?? snapshot.team,
        resolvedAt:
          result.changes.resolvedAt === undefined ? snapshot.resolvedAt : result.changes.resolvedAt,
        resumeStatus: resumeStatusFromEvents(events),
      };
    }
    expect(events.map((event) => event.toStatus)).toEqual([
      "BARU",
      "DITERIMA",
      "DITERUSKAN",
      "DIPROSES",
      "MENUNGGU_PENGGUNA",
      "DIPROSES",
      "ESKALASI_LKPP",
      "DIPROSES",
      "SELESAI",
      "DITUTUP",
    ]);
  });
});
