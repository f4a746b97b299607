// Every (status × command × actor) combination against the procedure written
// out by hand below. The expectation is independent of TRANSITIONS so a wrong
// row in the table fails here.
import { describe, expect, it } from "vitest";
import type { Actor } from "../../../core/domain/ticket/ticket.actor.ts";
import { COMMAND_TYPES, type CommandType } from "../../../core/domain/ticket/ticket.commands.ts";
import {
  TEAMS,
  TICKET_STATUSES,
  type TicketStatus,
} from "../../../core/domain/ticket/ticket.enums.ts";
import { transition } from "../../../core/domain/ticket/ticket.lifecycle.ts";
import { DEFAULT_LIFECYCLE_POLICY } from "../../../core/domain/ticket/ticket.policy.ts";
import { isActorPermitted, TRANSITIONS } from "../../../core/domain/ticket/ticket.transitions.ts";
import { AT, agent, SAMPLE_COMMANDS, system, ticket, user } from "./ticket.fixtures.ts";

const ACTORS = {
  USER: user,
  SYSTEM: system,
  HELPDESK: agent("HELPDESK"),
  VERIFIKATOR: agent("VERIFIKATOR"),
  ADMIN: agent("ADMIN"),
  ANALIS: agent("ANALIS"),
  SUPERVISOR: agent("SUPERVISOR"),
} satisfies Record<string, Actor>;
type ActorKey = keyof typeof ACTORS;

// The ticket's team is VERIFIKATOR, so "team" means VERIFIKATOR (+ SUPERVISOR).
const DESK = "HELPDESK SUPERVISOR";
const TEAM = "VERIFIKATOR SUPERVISOR";
const ANY_AGENT = "HELPDESK VERIFIKATOR ADMIN ANALIS SUPERVISOR";
const OPEN = [
  "BARU",
  "DITERIMA",
  "DITERUSKAN",
  "DIPROSES",
  "ESKALASI_LKPP",
  "MENUNGGU_PENGGUNA",
] as const;

type Spec = Partial<Record<TicketStatus, { to: TicketStatus; actors: string }>>;
const each = (from: readonly TicketStatus[], to: TicketStatus, actors: string): Spec =>
  Object.fromEntries(from.map((status) => [status, { to, actors }]));

/** The procedure. `to` for the resume steps is the fixture's resumeStatus (DIPROSES). */
const EXPECTED: Record<CommandType, Spec> = {
  ACCEPT: { BARU: { to: "DITERIMA", actors: DESK } },
  FORWARD: {
    DITERIMA: { to: "DITERUSKAN", actors: DESK },
    DITERUSKAN: { to: "DITERUSKAN", actors: "HELPDESK VERIFIKATOR SUPERVISOR" },
    DIPROSES: { to: "DITERUSKAN", actors: "HELPDESK VERIFIKATOR SUPERVISOR" },
  },
  START_PROCESSING: { DITERUSKAN: { to: "DIPROSES", actors: TEAM } },
  REQUEST_USER_INFO: {
    DITERIMA: { to: "MENUNGGU_PENGGUNA", actors: DESK },
    DITERUSKAN: { to: "MENUNGGU_PENGGUNA", actors: TEAM },
    DIPROSES: { to: "MENUNGGU_PENGGUNA", actors: TEAM },
  },
  USER_RESPONDED: { MENUNGGU_PENGGUNA: { to: "DIPROSES", actors: `USER ${ANY_AGENT}` } },
  ESCALATE_LKPP: each(["DITERIMA", "DITERUSKAN", "DIPROSES"], "ESKALASI_LKPP", ANY_AGENT),
  LKPP_RESPONDED: { ESKALASI_LKPP: { to: "DIPROSES", actors: ANY_AGENT } },
  RESOLVE: {
    DITERIMA: { to: "SELESAI", actors: DESK },
    DIPROSES: { to: "SELESAI", actors: TEAM },
    ESKALASI_LKPP: { to: "SELESAI", actors: ANY_AGENT },
  },
  CLOSE: { SELESAI: { to: "DITUTUP", actors: `USER SYSTEM ${ANY_AGENT}` } },
  REOPEN: { SELESAI: { to: "DIPROSES", actors: `USER ${ANY_AGENT}` } },
  REJECT: each(OPEN, "DITOLAK", ANY_AGENT),
  CANCEL: each(OPEN, "DIBATALKAN", "USER"),
};

// CLOSE by the system needs the reopen window (3 days) to be over; REOPEN
// needs it open. Everything else uses a ticket resolved an hour ago.
function resolvedAtFor(command: CommandType): Date {
  const hoursAgo = command === "CLOSE" ? 4 * 24 : 1;
  return new Date(AT.getTime() - hoursAgo * 60 * 60_000);
}

const cases = TICKET_STATUSES.flatMap((status) =>
  COMMAND_TYPES.flatMap((command) =>
    (Object.keys(ACTORS) as ActorKey[]).map((actor) => {
      const spec = EXPECTED[command][status];
      const expected =
        spec === undefined
          ? ({ ok: false, code: "INVALID_TRANSITION" } as const)
          : spec.actors.split(" ").includes(actor)
            ? ({ ok: true, to: spec.to } as const)
            : ({ ok: false, code: "FORBIDDEN_ACTOR" } as const);
      return { status, command, actor, expected };
    }),
  ),
);

describe("transition table: every status × command × actor", () => {
  it("covers 10 statuses × 12 commands × 7 actors", () => {
    expect(cases).toHaveLength(10 * 12 * 7);
  });

  it.each(cases)("$status + $command by $actor", ({ status, command, actor, expected }) => {
    const snapshot = ticket(
      status,
      status === "SELESAI" ? { resolvedAt: resolvedAtFor(command) } : {},
    );
    const result = transition(snapshot, SAMPLE_COMMANDS[command], ACTORS[actor], AT);
    if (expected.ok) {
      expect(result).toMatchObject({ ok: true, value: { status: expected.to } });
      if (result.ok) {
        expect(result.value.event.fromStatus).toBe(status);
        expect(result.value.event.toStatus).toBe(expected.to);
        expect(result.value.event.actorType).toBe(ACTORS[actor].type);
        expect(result.value.event.data.command).toBe(command);
      }
    } else {
      expect(result).toMatchObject({ ok: false, error: { code: expected.code } });
      if (!result.ok) {
        expect(result.error.message.length).toBeGreaterThan(10);
        expect(result.error.messageEn.length).toBeGreaterThan(10);
      }
    }
  });
});

describe("exported TRANSITIONS", () => {
  it("has exactly the rows of the procedure, one per (command, from)", () => {
    const rows = TRANSITIONS.map((rule) => `${rule.command} ${rule.from}`).sort();
    const expected = COMMAND_TYPES.flatMap((command) =>
      Object.keys(EXPECTED[command]).map((from) => `${command} ${from}`),
    ).sort();
    expect(rows).toEqual(expected);
    expect(new Set(rows).size).toBe(rows.length);
  });

  it("lets SUPERVISOR take every step any agent may take, whatever the team", () => {
    for (const rule of TRANSITIONS.filter((r) => r.allow.agents !== null)) {
      for (const team of [...TEAMS, null]) {
        expect(isActorPermitted(rule, team, ACTORS.SUPERVISOR, DEFAULT_LIFECYCLE_POLICY)).toBe(
          true,
        );
      }
    }
  });

  it("lets SYSTEM take no step but CLOSE", () => {
    const systemSteps = TRANSITIONS.filter((rule) => rule.allow.system).map((r) => r.command);
    expect([...new Set(systemSteps)]).toEqual(["CLOSE"]);
  });

  it("leaves DITUTUP, DITOLAK and DIBATALKAN final", () => {
    const fromFinal = TRANSITIONS.filter((rule) =>
      ["DITUTUP", "DITOLAK", "DIBATALKAN"].includes(rule.from),
    );
    expect(fromFinal).toEqual([]);
  });
});
