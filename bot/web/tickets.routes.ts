// The routes of the ticket list, its search and CSV export, and the SLA
// board, registered on the console's Fastify context (console.plugin.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { CalendarSource } from "../../core/domain/sla/calendar-overrides.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import { recordAudit } from "../../core/infra/stores/audit.store.ts";
import { ALL_ROLES, type SignedInAgent } from "./access.ts";
import { messagePage, type Viewer } from "./html.ts";
import { loadSlaBoard, slaBoardPage } from "./sla-board.page.ts";
import { slaStateOf } from "./sla-state.ts";
import { CSV_ROW_LIMIT, ticketsCsv } from "./tickets.csv.ts";
import { parseTicketFilter, type TicketFilter, wibDay } from "./tickets.filter.ts";
import { searchResultPage, type TicketView, ticketsPage } from "./tickets.page.ts";
import {
  listAgents,
  listTickets,
  NEWEST_FIRST,
  TICKET_ROW_SELECT,
  ticketWhere,
} from "./tickets.query.ts";
import { parseSearchTerm, searchTickets } from "./tickets.search.ts";

export interface TicketRouteDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  calendar: CalendarSource;
  now: () => Date;
}

/** Who may open the SLA board: those who oversee the service times (docs/console.md). */
export const SLA_BOARD_ROLES = ["SUPERVISOR", "ADMIN", "ANALIS"] as const;

const html = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).type("text/html; charset=utf-8").send(body);

export function ticketRoutes(app: FastifyInstance, deps: TicketRouteDeps) {
  const viewer = (request: FastifyRequest, reply: FastifyReply): Viewer => ({
    name: request.agent?.name ?? "",
    role: request.agent?.role ?? "",
    csrf: reply.generateCsrf(),
  });
  const refuse = (request: FastifyRequest, reply: FastifyReply, title: string, text: string) =>
    html(reply, 400, messagePage(title, text, viewer(request, reply)));
  const view = async (
    request: FastifyRequest,
    reply: FastifyReply,
    filter: TicketFilter,
    now: Date,
  ): Promise<TicketView> => ({
    viewer: viewer(request, reply),
    filter,
    agents: await listAgents(deps),
    stateOf: (row) => slaStateOf(row, deps.calendar.current(), now),
  });
  const agentOf = (request: FastifyRequest) => ({
    type: "AGENT" as const,
    agentId: (request.agent as SignedInAgent).id,
  });

  app.get("/konsol/tiket", { config: { access: ALL_ROLES } }, async (request, reply) => {
    const parsed = parseTicketFilter(request.query);
    if (!parsed.ok) return refuse(request, reply, "Saringan tidak valid", parsed.message);
    const now = deps.now();
    const result = await listTickets(deps, parsed.filter, now);
    return html(reply, 200, ticketsPage(await view(request, reply, parsed.filter, now), result));
  });

  app.post<{ Body: Record<string, unknown> }>(
    "/konsol/tiket/cari",
    { config: { access: ALL_ROLES }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const { jenis, kata, _csrf, ...rest } = request.body ?? {};
      const parsed = parseTicketFilter(rest);
      if (!parsed.ok) return refuse(request, reply, "Saringan tidak valid", parsed.message);
      const term = parseSearchTerm(jenis, kata);
      if (!term.ok) return refuse(request, reply, "Pencarian tidak valid", term.message);
      const now = deps.now();
      const result = await searchTickets(deps, parsed.filter, term.term, now);
      await recordAudit(deps.prisma, {
        actor: agentOf(request),
        action: "console.ticket_search",
        detail: { kind: term.term.kind, found: result.rows.length },
        at: now,
      });
      const page = searchResultPage(
        await view(request, reply, parsed.filter, now),
        term.term.kind,
        result,
      );
      return html(reply, 200, page);
    },
  );

  app.get("/konsol/tiket.csv", { config: { access: ALL_ROLES } }, async (request, reply) => {
    const parsed = parseTicketFilter(request.query);
    if (!parsed.ok) return refuse(request, reply, "Saringan tidak valid", parsed.message);
    const now = deps.now();
    const rows = await deps.prisma.ticket.findMany({
      where: await ticketWhere(deps, parsed.filter, now),
      orderBy: NEWEST_FIRST,
      take: CSV_ROW_LIMIT,
      select: TICKET_ROW_SELECT,
    });
    const { halaman: _page, ...filters } = parsed.filter;
    await recordAudit(deps.prisma, {
      actor: agentOf(request),
      action: "console.tickets_export",
      detail: { rows: rows.length, capped: rows.length === CSV_ROW_LIMIT, filters },
      at: now,
    });
    const day = wibDay(now);
    return reply
      .code(200)
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="tiket-${day}.csv"`)
      .send(ticketsCsv(rows, (row) => slaStateOf(row, deps.calendar.current(), now)));
  });

  app.get("/konsol/sla", { config: { access: SLA_BOARD_ROLES } }, async (request, reply) => {
    const now = deps.now();
    const board = await loadSlaBoard(deps, now);
    return html(reply, 200, slaBoardPage(viewer(request, reply), board, now));
  });
}
