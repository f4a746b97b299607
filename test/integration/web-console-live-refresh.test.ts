// What the live updates cost and what they catch up on, on real PostgreSQL
// and Redis over a real socket: the page's refetch on an event
// (x-konsol-langsung: 1) writes no history.view row while this agent's view
// of the ticket was audited within the last 30 minutes, an ordinary opening
// still writes one each time; a stream reopened with the Last-Event-ID it saw
// last gets the change it missed, and one whose id this process cannot place
// (another process's, a malformed one) is told to refresh itself fully.
import type { AddressInfo } from "node:net";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { recordRelay } from "../../core/app/desk-relay.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { newTicket, testCipher } from "../support/app.ts";
import { openSse, type SseMessage, type SseStream } from "../support/sse-client.ts";
import {
  AGENT_PASSWORD,
  browser,
  startWebConsole,
  webConsoleFixture,
} from "../support/web-console.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-live-refresh", logger);
let base = "";
const open: SseStream[] = [];

beforeAll(async () => {
  await f.web.app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(f.web.app.server.address() as AddressInfo).port}`;
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

type Browser = ReturnType<typeof browser>;
const cookieOf = (b: Browser) => [...b.jar].map(([k, v]) => `${k}=${v}`).join("; ");
const signedIn = async (username: string) => {
  const b = browser(f.web.app);
  expect((await b.signIn(username, AGENT_PASSWORD)).statusCode).toBe(303);
  return b;
};
const agentIdOf = async (username: string) =>
  (await f.db.prisma.webAccount.findUniqueOrThrow({ where: { username } })).agentId;
const routed = async () => {
  const t = await newTicket(f.db, f.now());
  await f.web.workflow.routeTicket(t.ticketId);
  return t;
};
/** The page's refetch on an event, as bot/web/assets/langsung.js sends it. */
const liveGet = (b: Browser, url: string) =>
  f.web.app.inject({
    method: "GET",
    url,
    headers: { cookie: cookieOf(b), accept: "text/html", "x-konsol-langsung": "1" },
  });
const views = (ticketId: string, agentId: string) =>
  f.db.prisma.auditLog.count({
    where: { action: "history.view", ticketId, actorType: "AGENT", actorId: agentId },
  });
/** A view of the ticket by the agent audited `minutesAgo` before the console's now. */
const viewedBefore = (ticketId: string, agentId: string, minutesAgo: number) =>
  f.db.prisma.auditLog.create({
    data: {
      actorType: "AGENT",
      actorId: agentId,
      action: "history.view",
      ticketId,
      detail: { via: "console" },
      at: new Date(f.now().getTime() - minutesAgo * 60_000),
    },
  });

async function stream(b: Browser, path: string, lastEventId?: string, at = base) {
  const s = await openSse(`${at}${path}`, cookieOf(b), lastEventId);
  open.push(s);
  expect(s.status).toBe(200);
  return s;
}
const change = (ticketId: string, kind: string) => (m: SseMessage) =>
  m.event === "perubahan" && m.data === JSON.stringify({ ticketId, kind });
const ID = /^([0-9a-f]+)-(\d+)$/u;
const parts = (id: string) => {
  const m = ID.exec(id);
  if (!m) throw new Error(`not an event id: ${id}`);
  return { boot: m[1], n: Number(m[2]) };
};
async function relayed(t: { contactId: string; number: string }, text: string) {
  const contact = await f.db.prisma.contact.findUniqueOrThrow({ where: { id: t.contactId } });
  await f.db.prisma.$transaction((tx) =>
    recordRelay(tx, testCipher, contact, {
      content: { kind: "text", text },
      ticketNumber: t.number,
    }),
  );
}

describe("a live refresh of the ticket page", () => {
  it("writes no history.view row while the agent's view was audited recently; an ordinary opening always does", async () => {
    const t = await routed();
    const helpdesk = await signedIn("helpdesk");
    const me = await agentIdOf("helpdesk");
    const page = `/konsol/tiket/${t.number}`;

    expect((await helpdesk.get(page)).statusCode).toBe(200);
    expect(await views(t.ticketId, me)).toBe(1);
    for (let i = 0; i < 3; i++) {
      const res = await liveGet(helpdesk, page);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`Tiket ${t.number}`);
      expect(res.body).toContain('id="bagian-riwayat"');
    }
    expect(await views(t.ticketId, me)).toBe(1);
    // An ordinary opening (a reload, a link) is audited every time, as before.
    expect((await helpdesk.get(page)).statusCode).toBe(200);
    expect((await helpdesk.get(page)).statusCode).toBe(200);
    expect(await views(t.ticketId, me)).toBe(3);
    // Only the marker's own value counts as a live refresh.
    const other = await f.web.app.inject({
      method: "GET",
      url: page,
      headers: { cookie: cookieOf(helpdesk), "x-konsol-langsung": "ya" },
    });
    expect(other.statusCode).toBe(200);
    expect(await views(t.ticketId, me)).toBe(4);
  });

  it("audits a live refresh when the agent's last audited view is older than 30 minutes, or another agent's", async () => {
    const t = await routed();
    const page = `/konsol/tiket/${t.number}`;
    const analis = await signedIn("analis");
    const analisId = await agentIdOf("analis");
    const admin = await signedIn("admin");
    const adminId = await agentIdOf("admin");
    // Another agent's view spares nobody else's.
    expect((await (await signedIn("supervisor")).get(page)).statusCode).toBe(200);

    await viewedBefore(t.ticketId, analisId, 31);
    await viewedBefore(t.ticketId, adminId, 29);
    expect((await liveGet(analis, page)).statusCode).toBe(200);
    expect((await liveGet(admin, page)).statusCode).toBe(200);
    expect(await views(t.ticketId, analisId)).toBe(2);
    expect(await views(t.ticketId, adminId)).toBe(1);
    const fresh = await f.db.prisma.auditLog.findFirstOrThrow({
      where: { action: "history.view", ticketId: t.ticketId, actorId: analisId },
      orderBy: { at: "desc" },
    });
    expect(fresh.detail).toEqual({ via: "console", live: true });
    expect(fresh.contactId).toBe(t.contactId);
    // That row now covers the refreshes that follow.
    expect((await liveGet(analis, page)).statusCode).toBe(200);
    expect(await views(t.ticketId, analisId)).toBe(2);

    // An agent with no view of the ticket at all is audited on the first refresh.
    const verifikator = await signedIn("verifikator");
    const verifikatorId = await agentIdOf("verifikator");
    expect((await liveGet(verifikator, page)).statusCode).toBe(200);
    expect((await liveGet(verifikator, page)).statusCode).toBe(200);
    expect(await views(t.ticketId, verifikatorId)).toBe(1);
  });
});

describe("a stream reopened with Last-Event-ID", () => {
  it("first gets the changes it missed, with their ids, and none it had seen or of other tickets", async () => {
    const t = await routed();
    const other = await routed();
    const helpdesk = await signedIn("helpdesk");
    const path = `/konsol/langsung?tiket=${t.number}`;
    // The list's stream stays open: once it has an event, this process has it numbered.
    const list = await stream(await signedIn("analis"), "/konsol/langsung");

    const first = await stream(helpdesk, path);
    await relayed(t, "Mohon dibantu, Pak.");
    await first.waitFor(change(t.ticketId, "pesan"));
    first.close();
    const lastSeen = first.messages.at(-1)?.id ?? "";
    expect(ID.test(lastSeen)).toBe(true);
    expect(first.messages.every((m) => ID.test(m.id))).toBe(true);

    // While the tab is disconnected: a message on another ticket, then on this one.
    await relayed(other, "Tiket lain.");
    await relayed(t, "Sudah saya unggah ulang, Bu.");
    const isNewer = (m: SseMessage) => parts(m.id).n > parts(lastSeen).n;
    await list.waitFor((m) => change(t.ticketId, "pesan")(m) && isNewer(m));
    expect(list.messages.some(change(other.ticketId, "pesan"))).toBe(true);
    // In the order this process numbered them, as the list's stream got them.
    const missed = list.messages.filter((m) => m.data.includes(t.ticketId) && isNewer(m));

    const again = await stream(helpdesk, path, lastSeen);
    const replayed = await again.waitFor(change(t.ticketId, "pesan"));
    expect(parts(replayed.id).boot).toBe(parts(lastSeen).boot);
    // Sent at once, before anything live: exactly what was missed.
    expect(again.messages.slice(0, missed.length)).toEqual(missed);
    for (const m of again.messages) {
      expect(m.data).not.toContain(other.ticketId);
      expect(parts(m.id).n).toBeGreaterThan(parts(lastSeen).n);
      expect(first.messages.map((s) => s.id)).not.toContain(m.id);
    }
    expect(again.messages.some((m) => m.event === "muat-ulang")).toBe(false);
  });

  it("is told to refresh itself fully when the id is another process's or malformed, and resumes from the id it is given", async () => {
    const t = await routed();
    const helpdesk = await signedIn("helpdesk");
    const path = `/konsol/langsung?tiket=${t.number}`;
    const seen = await stream(helpdesk, "/konsol/langsung");
    await relayed(t, "Halo, Bu.");
    const known = (await seen.waitFor(change(t.ticketId, "pesan"))).id;

    // The same console restarted: its ids have another boot part.
    const restarted = await startWebConsole({
      prisma: f.db.prisma,
      logger,
      prefix: f.prefix,
      now: f.now,
      db: f.db,
    });
    try {
      await restarted.app.listen({ port: 0, host: "127.0.0.1" });
      const port = (restarted.app.server.address() as AddressInfo).port;
      const b = browser(restarted.app);
      expect((await b.signIn("helpdesk", AGENT_PASSWORD)).statusCode).toBe(303);
      const s = await stream(b, path, known, `http://127.0.0.1:${port}`);
      const reload = await s.waitFor((m) => m.event === "muat-ulang");
      expect(reload.data).toBe("{}");
      expect(parts(reload.id).boot).not.toBe(parts(known).boot);
    } finally {
      await restarted.close();
    }

    for (const id of ["kemarin", `${parts(known).boot}-999999999`, "abc-1"]) {
      const s = await stream(helpdesk, path, id);
      const reload = await s.waitFor((m) => m.event === "muat-ulang");
      expect(parts(reload.id).boot).toBe(parts(known).boot);
      expect(s.messages[0]).toBe(reload);
      s.close();
    }

    // The id that came with "muat-ulang" is one to resume from: nothing missed, nothing sent.
    const told = await stream(helpdesk, path, "kemarin");
    const from = (await told.waitFor((m) => m.event === "muat-ulang")).id;
    told.close();
    const resumed = await stream(helpdesk, path, from);
    await relayed(t, "Terima kasih, Pak.");
    await resumed.waitFor(change(t.ticketId, "pesan"));
    expect(resumed.messages[0]?.event).toBe("perubahan");
    expect(parts(resumed.messages[0]?.id ?? "").n).toBeGreaterThan(parts(from).n);
  });
});
