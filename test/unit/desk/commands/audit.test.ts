import { describe, expect, it } from "vitest";
import { auditLines } from "../../../../bot/agent-desk/commands/audit.ts";

describe("/audit: one line per row of the trail", () => {
  const names = new Map([["agent-1", "Budi"]]);
  const at = new Date("2026-03-02T01:05:00Z");

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
      "02/03/2026 08:05 · Budi · ticket.claim",
      "02/03/2026 08:05 · petugas · reply.send",
      "02/03/2026 08:05 · pengguna · ticket.create",
      "02/03/2026 08:05 · sistem (sla) · sla.breach",
      "02/03/2026 08:05 · sistem (-) · purge",
    ]);
  });
});
