import { describe, expect, it } from "vitest";
import { auditLines } from "../../../../bot/agent-desk/commands/audit.ts";
import { wib, wibParts } from "../../../support/clock.ts";

describe("/audit: one line per row of the trail", () => {
  const names = new Map([["agent-1", "Budi"]]);
  // 2 March of the year the test runs in, 08:05 WIB, whatever the host's zone.
  const year = wibParts(new Date()).year;
  const at = wib(year, 3, 2, "08:05");

  it("names agents, the user and the system, with the time in WIB", () => {
    expect(
      auditLines(
        [
          { at, actorType: "AGENT", actorId: "agent-1", action: "ticket.claim" },
          { at, actorType: "AGENT", actorId: "gone", action: "reply.send" },
          { at, actorType: "USER", actorId: null, action: "ticket.create" },
          { at, actorType: "SYSTEM", actorId: "sla", action: "sla.breach" },
          { at, actorType: "SYSTEM", actorId: null, action: "purge" },
        ],
        names,
      ),
    ).toEqual([
      `02/03/${year} 08:05 · Budi · ticket.claim`,
      `02/03/${year} 08:05 · petugas · reply.send`,
      `02/03/${year} 08:05 · pengguna · ticket.create`,
      `02/03/${year} 08:05 · sistem (sla) · sla.breach`,
      `02/03/${year} 08:05 · sistem (-) · purge`,
    ]);
  });
});
