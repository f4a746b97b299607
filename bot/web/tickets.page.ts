// /konsol/tiket: the tickets, newest first, filtered by status and channel,
// found by their number (exact), a page at a time. Only what every role may
// see: no name, NIK, phone or request text (those stay on the ticket's own
// page, linked from each number, and in the desk).
import { z } from "zod";
import { CHANNELS } from "../../core/contracts/messages.ts";
import { TICKET_STATUSES } from "../../core/domain/ticket/ticket.enums.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import { escapeHtml, page, type Viewer } from "./html.ts";

export const TICKETS_PER_PAGE = 20;

const blankAsUndefined = (v: unknown) => (v === "" ? undefined : v);
export const TicketFilterSchema = z.object({
  status: z.preprocess(blankAsUndefined, z.enum(TICKET_STATUSES).optional()),
  kanal: z.preprocess(blankAsUndefined, z.enum(CHANNELS).optional()),
  nomor: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .max(40)
      .transform((s) => s.trim().toUpperCase())
      .optional(),
  ),
  halaman: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type TicketFilter = z.infer<typeof TicketFilterSchema>;

const CHANNEL_LABEL: Record<string, string> = {
  WHATSAPP: "WhatsApp",
  TELEGRAM: "Telegram",
  CONSOLE: "Konsol",
};
const label = (status: string) => status.replaceAll("_", " ");
const WIB = new Intl.DateTimeFormat("id-ID", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Asia/Jakarta",
});

export async function listTickets(prisma: PrismaClient, filter: TicketFilter) {
  const where = {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.kanal ? { channel: filter.kanal } : {}),
    ...(filter.nomor ? { number: filter.nomor } : {}),
  };
  const [total, rows] = await Promise.all([
    prisma.ticket.count({ where }),
    prisma.ticket.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filter.halaman - 1) * TICKETS_PER_PAGE,
      take: TICKETS_PER_PAGE,
      select: {
        number: true,
        channel: true,
        status: true,
        team: true,
        category: true,
        priority: true,
        createdAt: true,
        slaDueAt: true,
      },
    }),
  ]);
  return { total, rows };
}

function options(
  values: readonly string[],
  chosen: string | undefined,
  show: (v: string) => string,
) {
  return [`<option value="">Semua</option>`]
    .concat(
      values.map(
        (v) =>
          `<option value="${v}"${v === chosen ? " selected" : ""}>${escapeHtml(show(v))}</option>`,
      ),
    )
    .join("");
}

function pageLink(filter: TicketFilter, halaman: number, text: string) {
  const query = new URLSearchParams();
  if (filter.status) query.set("status", filter.status);
  if (filter.kanal) query.set("kanal", filter.kanal);
  if (filter.nomor) query.set("nomor", filter.nomor);
  query.set("halaman", String(halaman));
  return `<a href="/konsol/tiket?${escapeHtml(query.toString())}">${text}</a>`;
}

export function ticketsPage(
  viewer: Viewer,
  filter: TicketFilter,
  result: Awaited<ReturnType<typeof listTickets>>,
): string {
  const pages = Math.max(1, Math.ceil(result.total / TICKETS_PER_PAGE));
  const form = `<form method="get" action="/konsol/tiket" role="search" aria-label="Saring tiket">
<label for="nomor">Nomor tiket</label><input id="nomor" name="nomor" value="${escapeHtml(filter.nomor)}">
<label for="status">Status</label><select id="status" name="status">${options(TICKET_STATUSES, filter.status, label)}</select>
<label for="kanal">Kanal</label><select id="kanal" name="kanal">${options(CHANNELS, filter.kanal, (c) => CHANNEL_LABEL[c] ?? c)}</select>
<p><button type="submit">Tampilkan</button></p></form>`;
  const rows = result.rows
    .map(
      (
        t,
      ) => `<tr><td><a href="/konsol/tiket/${encodeURIComponent(t.number)}">${escapeHtml(t.number)}</a></td><td>${escapeHtml(WIB.format(t.createdAt))}</td>
<td>${escapeHtml(CHANNEL_LABEL[t.channel] ?? t.channel)}</td><td>${escapeHtml(label(t.status))}</td>
<td>${escapeHtml(t.team ?? "—")}</td><td>${escapeHtml(t.category)}</td><td>${escapeHtml(t.priority)}</td>
<td>${t.slaDueAt ? escapeHtml(WIB.format(t.slaDueAt)) : "—"}</td></tr>`,
    )
    .join("\n");
  const table = result.rows.length
    ? `<table><caption>${result.total} tiket, halaman ${filter.halaman} dari ${pages}</caption>
<thead><tr><th scope="col">Nomor</th><th scope="col">Dibuat (WIB)</th><th scope="col">Kanal</th><th scope="col">Status</th>
<th scope="col">Tim</th><th scope="col">Kategori</th><th scope="col">Prioritas</th><th scope="col">Batas waktu layanan</th></tr></thead>
<tbody>${rows}</tbody></table>`
    : `<p>Tidak ada tiket yang cocok.</p>`;
  const nav = [
    filter.halaman > 1 ? pageLink(filter, filter.halaman - 1, "« Sebelumnya") : "",
    filter.halaman < pages ? pageLink(filter, filter.halaman + 1, "Berikutnya »") : "",
  ]
    .filter(Boolean)
    .join(" · ");
  return page(
    "Daftar tiket",
    `${form}${table}${nav ? `<nav aria-label="Halaman">${nav}</nav>` : ""}`,
    viewer,
  );
}
