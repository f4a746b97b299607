// /konsol/tiket/:nomor: the ticket's page, its files, and its steps (one
// POST route per step, CSRF-checked). Every signed-in role opens the page, as
// every agent in the group sees the desk's card; a KTP opens only for the
// agent handling the ticket or a supervisor (desk.ktp.ts), and the steps
// follow the workflow's rules. Openings and steps are audited (a live
// refresh of an opening audited recently excepted: ticket-view.audit.ts).
import type { FastifyInstance, FastifyReply } from "fastify";
import { listDeskTemplates } from "../../core/app/desk-templates.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import { recordAudit } from "../../core/infra/stores/audit.store.ts";
import { readMedia } from "../../core/infra/stores/media.store.ts";
import { ALL_ROLES, type SignedInAgent } from "./access.ts";
import { messagePage, type Viewer } from "./html.ts";
import { type LetterRouteDeps, registerLetterRoutes } from "./letter.routes.ts";
import { findTicketId, loadTicketView, mayOpenFile } from "./ticket.data.ts";
import { ticketPage, ticketPath } from "./ticket.page.ts";
import {
  type ActionDeps,
  CLAIMED_NOT_ACCEPTED,
  CLAIMED_NOT_ACCEPTED_TEXT,
  LETTER_ISSUED_TEXT,
  runTicketAction,
  TICKET_ACTIONS,
} from "./ticket-actions.ts";
import { registerTicketFileRoute } from "./ticket-file.routes.ts";
import { FILE_SENT } from "./ticket-file.ts";
import { type MessageDeps, runTicketMessage, TICKET_MESSAGES } from "./ticket-messages.ts";
import { auditTicketView, LIVE_REFRESH_HEADER } from "./ticket-view.audit.ts";

export interface TicketRouteDeps extends ActionDeps, MessageDeps, Omit<LetterRouteDeps, "prisma"> {
  cipher: Cipher;
  now: () => Date;
  /** CONSOLE_UPLOAD_MAX_BYTES: the largest file "Kirim berkas" takes. */
  upload: { maxBytes: number };
}

type Params = { nomor: string };
const INLINE = new Set(["image/jpeg", "image/png", "image/webp", "application/pdf"]);
const html = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).type("text/html; charset=utf-8").send(body);
const numberOf = (nomor: string) => nomor.trim().toUpperCase().slice(0, 40);

export function registerTicketRoutes(
  app: FastifyInstance,
  deps: TicketRouteDeps,
  viewerOf: (agent: SignedInAgent | undefined, reply: FastifyReply) => Viewer,
) {
  const { prisma, cipher } = deps;
  const who = (agent: SignedInAgent | undefined, reply: FastifyReply) => ({
    ...viewerOf(agent, reply),
    id: agent?.id ?? "",
    letters: deps.documents !== undefined,
  });
  const notFound = (agent: SignedInAgent | undefined, reply: FastifyReply) =>
    html(
      reply,
      404,
      messagePage(
        "Tiket tidak ditemukan",
        "Tiket dengan nomor tersebut tidak ditemukan. Mohon periksa kembali nomor tiketnya.",
        viewerOf(agent, reply),
      ),
    );

  async function show(
    agent: SignedInAgent,
    reply: FastifyReply,
    ticketId: string,
    status: number,
    notice?: { ok?: string; error?: string },
    live = false,
  ) {
    const view = await loadTicketView(prisma, cipher, ticketId);
    if (!view) return notFound(agent, reply);
    await auditTicketView(prisma, {
      agentId: agent.id,
      ticketId,
      contactId: view.contactId,
      live,
      at: deps.now(),
    });
    const templates = await listDeskTemplates(prisma);
    return html(reply, status, ticketPage(who(agent, reply), view, notice, templates));
  }

  app.get<{ Params: Params; Querystring: { pesan?: string } }>(
    "/konsol/tiket/:nomor",
    { config: { access: ALL_ROLES } },
    async (request, reply) => {
      const agent = request.agent as SignedInAgent;
      const id = await findTicketId(prisma, numberOf(request.params.nomor));
      if (!id) return notFound(agent, reply);
      const key = String(request.query.pesan ?? "");
      const ok =
        key === CLAIMED_NOT_ACCEPTED
          ? CLAIMED_NOT_ACCEPTED_TEXT
          : key === "surat"
            ? LETTER_ISSUED_TEXT
            : key === "berkas"
              ? FILE_SENT
              : Object.hasOwn(TICKET_ACTIONS, key)
                ? TICKET_ACTIONS[key]?.done
                : Object.hasOwn(TICKET_MESSAGES, key)
                  ? TICKET_MESSAGES[key as keyof typeof TICKET_MESSAGES]
                  : undefined;
      const live = request.headers[LIVE_REFRESH_HEADER] === "1";
      return show(agent, reply, id, 200, ok ? { ok } : undefined, live);
    },
  );

  app.get<{ Params: Params & { id: string } }>(
    "/konsol/tiket/:nomor/lampiran/:id",
    { config: { access: ALL_ROLES } },
    async (request, reply) => {
      const agent = request.agent as SignedInAgent;
      const ticket = await prisma.ticket.findUnique({
        where: { number: numberOf(request.params.nomor) },
        select: { id: true, contactId: true, assigneeId: true },
      });
      const fileId = request.params.id;
      const file =
        ticket && /^[0-9a-f-]{36}$/u.test(fileId)
          ? await prisma.attachment.findFirst({
              where: { id: fileId, ticketId: ticket.id },
              select: { id: true, kind: true },
            })
          : null;
      if (!ticket || !file) return notFound(agent, reply);
      const actor = { type: "AGENT" as const, agentId: agent.id };
      const ktp = file.kind === "KTP";
      if (!mayOpenFile(file, agent, ticket.assigneeId)) {
        await recordAudit(prisma, {
          actor,
          action: "ktp.view.refused",
          ticketId: ticket.id,
          contactId: ticket.contactId,
          detail: { attachmentId: file.id, role: agent.role, via: "console" },
        });
        return html(
          reply,
          403,
          messagePage(
            "Tidak diizinkan",
            "Foto KTP hanya dapat dibuka oleh petugas yang menangani tiket ini atau supervisor.",
            viewerOf(agent, reply),
          ),
        );
      }
      // Written before the file is sent: a view that failed half-way is still on record.
      await recordAudit(prisma, {
        actor,
        action: ktp ? "ktp.view" : "attachment.view",
        ticketId: ticket.id,
        contactId: ticket.contactId,
        detail: { attachmentId: file.id, via: "console" },
      });
      const media = await readMedia(prisma, cipher, file.id);
      if (!media) {
        return html(
          reply,
          410,
          messagePage(
            "Lampiran tidak tersedia",
            "Lampiran ini sudah dihapus.",
            viewerOf(agent, reply),
          ),
        );
      }
      const inline = INLINE.has(media.mime);
      return reply
        .code(200)
        .type(inline ? media.mime : "application/octet-stream")
        .header("content-disposition", `${inline ? "inline" : "attachment"}; filename="lampiran"`)
        .send(media.bytes);
    },
  );

  const findTicket = (nomor: string) =>
    prisma.ticket.findUnique({
      where: { number: numberOf(nomor) },
      select: { id: true, number: true, status: true, contactId: true },
    });
  const done = (reply: FastifyReply, ticket: { number: string }, key: string) =>
    reply.redirect(`${ticketPath(ticket.number)}?pesan=${encodeURIComponent(key)}`, 303);
  registerLetterRoutes(app, deps, {
    findTicket,
    notFound,
    refused: (agent, reply, ticket, error) => show(agent, reply, ticket.id, 400, { error }),
    done,
  });
  registerTicketFileRoute(app, deps, {
    findTicket,
    notFound,
    refused: (agent, reply, ticketId, status, error) =>
      show(agent, reply, ticketId, status, { error }),
    done,
  });

  const messages = Object.keys(TICKET_MESSAGES) as (keyof typeof TICKET_MESSAGES)[];
  for (const action of [...Object.keys(TICKET_ACTIONS), ...messages]) {
    app.post<{ Params: Params }>(
      `/konsol/tiket/:nomor/${action}`,
      { config: { access: ALL_ROLES }, preHandler: app.csrfProtection },
      async (request, reply) => {
        const agent = request.agent as SignedInAgent;
        const ticket = await findTicket(request.params.nomor);
        if (!ticket) return notFound(agent, reply);
        const message = messages.find((m) => m === action);
        const outcome = message
          ? await runTicketMessage(deps, agent, ticket, message, request.body)
          : await runTicketAction(deps, agent, ticket, action, request.body);
        if (!outcome.ok) {
          return show(agent, reply, ticket.id, outcome.status, { error: outcome.message });
        }
        return done(reply, ticket, outcome.done);
      },
    );
  }
}
