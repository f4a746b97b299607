// The console's live updates on real PostgreSQL and Redis, over a real
// socket: a ticket's stream carries its status change (a step through the
// desk's workflow) and a relayed citizen message as they are committed,
// with ids and kinds only; the list's stream carries every ticket's; the
// signed-out are refused; a heartbeat re-checks the session and ends the
// stream of a deactivated agent or an ended session; streams are capped per
// process and ended when the server closes.
import type { AddressInfo } from "node:net";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { recordRelay } from "../../core/app/desk-relay.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { newTicket, testCipher } from "../support/app.ts";
import { openSse, type SseStream } from "../support/sse-client.ts";
import {
  AGENT_PASSWORD,
  agentWithAccount,
  browser,
  startWebConsole,
  webConsoleFixture,
} from "../support/web-console.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-live", logger, {
  live: { maxStreams: 3, heartbeatMs: 200 },
});
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
async function stream(b: Browser | null, path: string) {
  const s = await openSse(`${base}${path}`, b ? cookieOf(b) : "");
  open.push(s);
  return s;
}
const routed = async () => {
  const t = await newTicket(f.db, f.now());
  await f.web.workflow.routeTicket(t.ticketId);
  return t;
};
const change = (ticketId: string, kind: string) => (m: { event: string; data: string }) =>
  m.event === "perubahan" && m.data === JSON.stringify({ ticketId, kind });

describe("live updates of the console", () => {
  it("streams a ticket's status change and a relayed citizen message, ids and kinds only", async () => {
    const t = await routed();
    const other = await routed();
    const helpdesk = await signedIn("helpdesk");
    const s = await stream(helpdesk, `/konsol/langsung?tiket=${t.number.toLowerCase()}`);
    const list = await stream(await signedIn("analis"), "/konsol/langsung");
    expect(s.status).toBe(200);
    expect(s.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(s.headers["cache-control"]).toBe("no-store");

    // A step through the desk's workflow, from another agent's console.
    const supervisor = await signedIn("supervisor");
    const _csrf = await supervisor.csrf(`/konsol/tiket/${t.number}`);
    const step = await supervisor.post(`/konsol/tiket/${t.number}/tolak`, {
      _csrf,
      keterangan: "Bukan layanan LPSE.",
    });
    expect(step.statusCode).toBe(303);
    await s.waitFor(change(t.ticketId, "status"));
    await s.waitFor(change(t.ticketId, "tiket"));

    // What the citizen writes, relayed to the agents (the inbound pipeline's write).
    const contact = await f.db.prisma.contact.findUniqueOrThrow({ where: { id: t.contactId } });
    await f.db.prisma.$transaction((tx) =>
      recordRelay(tx, testCipher, contact, {
        content: { kind: "text", text: "Mohon dibantu, Pak." },
        ticketNumber: t.number,
      }),
    );
    await s.waitFor(change(t.ticketId, "pesan"));
    // Another ticket's change reaches the list's stream, not this ticket's.
    const again = await supervisor.post(`/konsol/tiket/${other.number}/tolak`, {
      _csrf: await supervisor.csrf(`/konsol/tiket/${other.number}`),
      keterangan: "Duplikat.",
    });
    expect(again.statusCode).toBe(303);
    await list.waitFor(change(other.ticketId, "status"));
    await list.waitFor(change(t.ticketId, "pesan"));
    expect(s.messages.some((m) => m.data.includes(other.ticketId))).toBe(false);
    for (const m of [...s.messages, ...list.messages]) {
      expect(Object.keys(JSON.parse(m.data)).sort()).toEqual(["kind", "ticketId"]);
      expect(m.data).not.toContain("Mohon dibantu");
    }
    // Heartbeats are comments.
    expect(await s.waitForComment()).toBe("detak");
  });

  it("refuses the signed-out and an unknown ticket", async () => {
    const anonymous = await stream(null, "/konsol/langsung");
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe("/konsol/masuk");
    const forged = await openSse(`${base}/konsol/langsung`, "konsol_sesi=not-a-session");
    expect(forged.status).toBe(303);
    const unknown = await stream(await signedIn("admin"), "/konsol/langsung?tiket=LDK-1999-99999");
    expect(unknown.status).toBe(404);
  });

  it("ends the stream when the agent is deactivated or the session ends", async () => {
    const agent = await agentWithAccount(f.db.prisma, "VERIFIKATOR", "verif-live", AGENT_PASSWORD);
    const b = await signedIn("verif-live");
    const s = await stream(b, "/konsol/langsung");
    await s.waitForComment();
    await f.db.prisma.agent.update({ where: { id: agent.agentId }, data: { active: false } });
    await s.waitFor((m) => m.event === "keluar");
    await s.ended;

    const analis = await signedIn("analis");
    const t = await stream(analis, "/konsol/langsung");
    expect(t.status).toBe(200);
    const out = await analis.post("/konsol/keluar", { _csrf: await analis.csrf("/konsol/tiket") });
    expect(out.statusCode).toBe(303);
    await t.waitFor((m) => m.event === "keluar");
    await t.ended;
  });

  it("keeps at most the configured number of streams, freeing a place when one closes", async () => {
    const b = await signedIn("helpdesk");
    // Streams of the tests before are closed; the server may take a moment to see it.
    const openOne = async () => {
      let s = await stream(b, "/konsol/langsung");
      for (let i = 0; i < 50 && s.status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 50));
        s = await stream(b, "/konsol/langsung");
      }
      return s;
    };
    const streams = [await openOne(), await openOne(), await openOne()];
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200]);
    const refused = await stream(b, "/konsol/langsung");
    expect(refused.status).toBe(503);
    expect(refused.headers["retry-after"]).toBe("60");
    streams[0]?.close();
    expect((await openOne()).status).toBe(200);
  });

  it("ends open streams when the server closes", async () => {
    const web = await startWebConsole({
      prisma: f.db.prisma,
      logger,
      prefix: f.prefix,
      now: f.now,
      db: f.db,
    });
    await web.app.listen({ port: 0, host: "127.0.0.1" });
    const port = (web.app.server.address() as AddressInfo).port;
    const b = browser(web.app);
    expect((await b.signIn("helpdesk", AGENT_PASSWORD)).statusCode).toBe(303);
    const s = await openSse(`http://127.0.0.1:${port}/konsol/langsung`, cookieOf(b));
    expect(s.status).toBe(200);
    await web.close();
    await s.ended;
  });
});
