// /konsol/sla (supervisors, admins, analysts): the running service-time clocks
// that fall due before the end of today (WIB) and those already late, counted
// per procedure stage, per agent and per team, with the ticket numbers. Read
// from the sla_* columns the workflow keeps (sla-state.ts); no personal data.
import type { Prisma } from "../../core/infra/db.ts";
import { escapeHtml, page, type Viewer } from "./html.ts";
import { RUNNING, type SlaDeps } from "./sla-state.ts";
import { wibDay, wibNextDayStart } from "./tickets.filter.ts";
import { STAGE_LABEL, WIB } from "./tickets.page.ts";

const BOARD_SELECT = {
  number: true,
  team: true,
  slaStage: true,
  slaDueAt: true,
  assignee: { select: { name: true } },
} as const satisfies Prisma.TicketSelect;
type BoardTicket = Prisma.TicketGetPayload<{ select: typeof BOARD_SELECT }>;

export interface BoardGroup {
  key: string;
  dueToday: string[];
  late: string[];
}
export interface SlaBoard {
  day: string;
  endOfDay: Date;
  byStage: BoardGroup[];
  byAgent: BoardGroup[];
  byTeam: BoardGroup[];
}

const NO_AGENT = "Belum ada petugas";
const NO_TEAM = "Belum ada tim";

function groupBy(tickets: BoardTicket[], now: Date, keyOf: (t: BoardTicket) => string) {
  const groups = new Map<string, BoardGroup>();
  for (const t of tickets) {
    const key = keyOf(t);
    const group = groups.get(key) ?? { key, dueToday: [], late: [] };
    const late = (t.slaDueAt?.getTime() ?? 0) <= now.getTime();
    (late ? group.late : group.dueToday).push(t.number);
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) => b.late.length - a.late.length || a.key.localeCompare(b.key, "id"),
  );
}

export async function loadSlaBoard(deps: SlaDeps, now: Date): Promise<SlaBoard> {
  const day = wibDay(now);
  const endOfDay = wibNextDayStart(day);
  const tickets = await deps.prisma.ticket.findMany({
    where: { ...RUNNING, slaDueAt: { lt: endOfDay } },
    orderBy: [{ slaDueAt: "asc" }, { id: "asc" }],
    select: BOARD_SELECT,
  });
  return {
    day,
    endOfDay,
    byStage: groupBy(tickets, now, (t) => STAGE_LABEL[t.slaStage ?? ""] ?? String(t.slaStage)),
    byAgent: groupBy(tickets, now, (t) => t.assignee?.name ?? NO_AGENT),
    byTeam: groupBy(tickets, now, (t) => t.team ?? NO_TEAM),
  };
}

const numbers = (list: string[]) => (list.length ? list.map((n) => escapeHtml(n)).join(", ") : "—");

function groupTable(caption: string, head: string, groups: BoardGroup[]) {
  if (groups.length === 0) return "";
  const rows = groups
    .map(
      (g) =>
        `<tr><th scope="row">${escapeHtml(g.key)}</th><td>${g.late.length}</td><td>${numbers(g.late)}</td><td>${g.dueToday.length}</td><td>${numbers(g.dueToday)}</td></tr>`,
    )
    .join("\n");
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr><th scope="col">${head}</th>
<th scope="col">Terlambat</th><th scope="col">Tiket terlambat</th><th scope="col">Jatuh tempo hari ini</th><th scope="col">Tiket jatuh tempo</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

export function slaBoardPage(viewer: Viewer, board: SlaBoard, now: Date) {
  const empty = board.byStage.length === 0;
  const intro = `<p>Keadaan pada ${escapeHtml(WIB.format(now))} WIB: tiket yang batas waktu layanannya sudah lewat, dan yang jatuh tempo sebelum akhir hari ini (${escapeHtml(board.day)}, WIB). Tiket yang jamnya dihentikan sementara (menunggu pemohon atau LKPP) tidak termasuk.</p>`;
  const body = empty
    ? `${intro}<p>Tidak ada tiket yang terlambat atau jatuh tempo hari ini.</p>`
    : `${intro}${groupTable("Per tahap", "Tahap", board.byStage)}
${groupTable("Per petugas", "Petugas", board.byAgent)}
${groupTable("Per tim", "Tim", board.byTeam)}`;
  return page("Papan waktu layanan (SLA)", body, viewer);
}
