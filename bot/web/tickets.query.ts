// The tickets a filter selects, as the list page, the CSV export and the
// search read them: no personal column is ever selected here.
import type { Prisma } from "../../core/infra/db.ts";
import { type SlaDeps, slaStateWhere } from "./sla-state.ts";
import { type TicketFilter, wibDayStart, wibNextDayStart } from "./tickets.filter.ts";

export const TICKETS_PER_PAGE = 20;

export const TICKET_ROW_SELECT = {
  id: true,
  number: true,
  channel: true,
  intake: true,
  status: true,
  team: true,
  category: true,
  priority: true,
  createdAt: true,
  slaStage: true,
  slaDueAt: true,
  slaPausedAt: true,
  assignee: { select: { name: true } },
} as const satisfies Prisma.TicketSelect;
export type TicketRow = Prisma.TicketGetPayload<{ select: typeof TICKET_ROW_SELECT }>;

export const NEWEST_FIRST: Prisma.TicketOrderByWithRelationInput[] = [
  { createdAt: "desc" },
  { id: "desc" },
];

export async function ticketWhere(
  deps: SlaDeps,
  filter: TicketFilter,
  now: Date,
): Promise<Prisma.TicketWhereInput> {
  const created = {
    ...(filter.dari ? { gte: wibDayStart(filter.dari) } : {}),
    ...(filter.sampai ? { lt: wibNextDayStart(filter.sampai) } : {}),
  };
  const where: Prisma.TicketWhereInput = {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.tahap ? { slaStage: filter.tahap } : {}),
    ...(filter.tim ? { team: filter.tim } : {}),
    ...(filter.kategori ? { category: filter.kategori } : {}),
    ...(filter.kanal ? { channel: filter.kanal } : {}),
    ...(filter.asal ? { intake: filter.asal } : {}),
    ...(filter.prioritas ? { priority: filter.prioritas } : {}),
    ...(filter.petugas ? { assigneeId: filter.petugas } : {}),
    ...(filter.nomor ? { number: filter.nomor } : {}),
    ...(filter.dari || filter.sampai ? { createdAt: created } : {}),
  };
  return filter.sla ? { AND: [where, await slaStateWhere(deps, filter.sla, now)] } : where;
}

export async function listTickets(deps: SlaDeps, filter: TicketFilter, now: Date) {
  const where = await ticketWhere(deps, filter, now);
  const [total, rows] = await Promise.all([
    deps.prisma.ticket.count({ where }),
    deps.prisma.ticket.findMany({
      where,
      orderBy: NEWEST_FIRST,
      skip: (filter.halaman - 1) * TICKETS_PER_PAGE,
      take: TICKETS_PER_PAGE,
      select: TICKET_ROW_SELECT,
    }),
  ]);
  return { total, rows };
}

/** The agents the assignee filter offers (staff names, not the applicants'). */
export function listAgents(deps: SlaDeps) {
  return deps.prisma.agent.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: { id: true, name: true },
  });
}
