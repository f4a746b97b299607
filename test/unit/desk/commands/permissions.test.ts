// The permission checks come first: a refused agent is told so before the
// desk looks anything up (the context's database would throw if touched).
import { describe, expect, it } from "vitest";
import { manageAgents } from "../../../../bot/agent-desk/commands/agents.ts";
import { BUTTONS, GENERAL_COMMANDS } from "../../../../bot/agent-desk/commands/index.ts";
import type { DeskContext } from "../../../../bot/agent-desk/desk.context.ts";
import { DESK_TEXT } from "../../../../core/content/messages/desk.messages.ts";
import type { Agent } from "../../../../core/infra/db.ts";

const untouchable = new Proxy(
  {},
  {
    get(_target, key) {
      throw new Error(`looked up ${String(key)} before the permission check`);
    },
  },
);
const ctx = { prisma: untouchable, deps: {} } as unknown as DeskContext;
const helpdesk = { id: "agent-1", name: "Budi", role: "HELPDESK" } as Agent;
const ID = "01a22425-7fb9-751b-9ff4-dabffb5c73f6";

function replies() {
  const said: string[] = [];
  return { said, reply: async (html: string) => said.push(html) };
}

describe("a helpdesk agent", () => {
  it.each([
    ["audit", "LDK-2026-00042", "melihat jejak audit"],
    ["blokir", "LDK-2026-00042 spam", "memblokir pengirim"],
    ["bukablokir", "LDK-2026-00042", "memblokir pengirim"],
    ["agen", "tambah 1 HELPDESK Ani", "mengelola petugas"],
  ])("may not /%s", async (name, args, what) => {
    const { said, reply } = replies();
    await GENERAL_COMMANDS.get(name)?.(ctx, { agent: helpdesk, name, args, topic: null, reply });
    expect(said).toEqual([DESK_TEXT.notAllowed(what)]);
  });

  it("may not decide a deletion, to approve or to deny", async () => {
    const { said, reply } = replies();
    const press = { agent: helpdesk, reply, updateClaim: "desk:1:1" };
    await BUTTONS.delok(ctx, { ...press, button: { action: "delok", id: ID } });
    await BUTTONS.delno(ctx, { ...press, button: { action: "delno", id: ID } });
    const refused = DESK_TEXT.notAllowed("memutuskan penghapusan data");
    expect(said).toEqual([refused, refused]);
  });
});

describe("someone not registered", () => {
  it("may not manage agents without being the bootstrap supervisor", async () => {
    const { said, reply } = replies();
    await manageAgents(ctx, null, "tambah 1 SUPERVISOR Ani", reply, 12345);
    expect(said).toEqual([DESK_TEXT.notAllowed("mengelola petugas")]);
  });
});
