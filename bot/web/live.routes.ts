// Live updates of the console (docs/console.md, "Live updates"): a stream of
// server-sent events per open tab, fed by the process's one ticket-change
// listener (core/infra/ticket-changes.ts), and the one static script that
// follows it. An event names the ticket's id and the kind of change only;
// the page then fetches itself again through the ordinary, access-checked GET.
// Each heartbeat checks the session again (without extending it) and ends
// the stream when the session has expired or the agent is no longer allowed.
// Every event has an id (live.replay.ts): a stream reopened with the
// Last-Event-ID it saw last first gets the changes it missed, or one
// `muat-ulang` event when they cannot be told.
import { readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import type { PrismaClient } from "../../core/infra/db.ts";
import type { TicketChanges } from "../../core/infra/ticket-changes.ts";
import { ALL_ROLES } from "./access.ts";
import { LIVE_SCRIPT_PATH } from "./html.ts";
import { createChangeLog, type NumberedChange } from "./live.replay.ts";
import { agentOf, sendMessage } from "./respond.ts";
import type { SessionStore } from "./session.store.ts";
import { findTicketId } from "./ticket.data.ts";

export interface LiveDeps {
  prisma: PrismaClient;
  changes: TicketChanges;
  sessions: SessionStore;
  live: { maxStreams: number; heartbeatMs: number };
}

const SCRIPT = readFileSync(new URL("./assets/langsung.js", import.meta.url));
/** How long the browser waits before it opens a dropped stream again. */
const RETRY_MS = 5_000;

const event = (name: string, data: object, id?: string) =>
  `${id ? `id: ${id}\n` : ""}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
const changeEvent = (c: NumberedChange) =>
  event("perubahan", { ticketId: c.ticketId, kind: c.kind }, c.id);

export function registerLiveRoutes(app: FastifyInstance, deps: LiveDeps) {
  const streams = new Set<(last?: string) => void>();
  // Numbered and kept from the start, not per stream: a tab reconnecting has
  // no stream open while it waits, and must still learn what it missed.
  const log = createChangeLog();
  const listeners = new Set<(change: NumberedChange) => void>();
  const unsubscribe = deps.changes.subscribe((change) => {
    const numbered = log.record(change);
    for (const listener of listeners) listener(numbered);
  });
  app.addHook("onClose", async () => unsubscribe());

  app.get(LIVE_SCRIPT_PATH, { config: { access: "public" } }, (_request, reply) =>
    reply.code(200).type("text/javascript; charset=utf-8").send(SCRIPT),
  );

  app.get<{ Querystring: { tiket?: string } }>(
    "/konsol/langsung",
    { config: { access: ALL_ROLES } },
    async (request, reply) => {
      const agent = agentOf(request);
      const nomor = request.query.tiket;
      const ticketId =
        nomor === undefined
          ? null
          : await findTicketId(deps.prisma, String(nomor).trim().toUpperCase().slice(0, 40));
      if (nomor !== undefined && !ticketId) {
        return sendMessage(request, reply, 404, "Tiket tidak ditemukan", "Tiket tidak ditemukan.");
      }
      if (streams.size >= deps.live.maxStreams) {
        return reply
          .code(503)
          .header("retry-after", "60")
          .type("text/plain; charset=utf-8")
          .send("Pembaruan langsung sedang penuh. Silakan muat ulang halaman secara manual.");
      }
      const access = request.routeOptions.config.access;
      reply.hijack();
      const res: ServerResponse = reply.raw;
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        "x-accel-buffering": "no",
      });
      res.write(`retry: ${RETRY_MS}\n\n`);

      let checking = false;
      const mine = (change: NumberedChange) => !ticketId || change.ticketId === ticketId;
      const onChange = (change: NumberedChange) => {
        if (mine(change)) res.write(changeEvent(change));
      };
      // The catch-up and the subscription in one tick: no change falls between them.
      const resume = log.resume(lastEventIdOf(request.headers["last-event-id"]));
      if (resume.kind === "replay") {
        for (const change of resume.changes.filter(mine)) res.write(changeEvent(change));
      } else if (resume.kind === "unknown") {
        res.write(event("muat-ulang", {}, resume.id));
      }
      listeners.add(onChange);
      const stopListening = () => listeners.delete(onChange);
      const stillAllowed = async () => {
        const agentId = await deps.sessions.peek(agent.sessionId);
        if (agentId !== agent.id) return false;
        const row = await deps.prisma.agent.findUnique({
          where: { id: agent.id },
          select: { active: true, role: true },
        });
        return Boolean(row?.active && access !== "public" && access?.includes(row.role));
      };
      const heartbeat = setInterval(() => {
        if (checking) return;
        res.write(": detak\n\n");
        checking = true;
        stillAllowed()
          .then((ok) => {
            if (!ok) end(event("keluar", {}));
          })
          .catch(() => {})
          .finally(() => {
            checking = false;
          });
      }, deps.live.heartbeatMs);
      function end(last?: string) {
        if (!streams.delete(end)) return;
        clearInterval(heartbeat);
        stopListening();
        if (last && !res.writableEnded) res.write(last);
        res.end();
      }
      streams.add(end);
      // The response's close, not the request's: a GET's request closes once it is read.
      res.on("close", () => end());
      res.on("error", () => end());
      return reply;
    },
  );

  // Open streams would hold the server's close: end them first (they reconnect later).
  app.addHook("preClose", async () => {
    for (const end of [...streams]) end();
  });
}

/** The Last-Event-ID header, cut to 64 characters (no id of ours is longer); repeated: foreign. */
const lastEventIdOf = (header: string | string[] | undefined) =>
  typeof header === "string" ? header.trim().slice(0, 64) : header === undefined ? undefined : "?";
