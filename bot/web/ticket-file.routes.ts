// POST /konsol/tiket/:nomor/berkas: "Kirim berkas kepada pengguna" (ticket-file.ts).
// Multipart (@fastify/multipart, in this route's own context only, as the
// walk-in form); the CSRF token is a form field. Same roles as "balas".
import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { TicketStatus } from "../../core/domain/ticket/ticket.enums.ts";
import { ALL_ROLES, type SignedInAgent } from "./access.ts";
import { sendMessage } from "./respond.ts";
import { sendTicketFile, tooLarge } from "./ticket-file.ts";
import type { MessageDeps } from "./ticket-messages.ts";

type Ticket = { id: string; number: string; status: TicketStatus; contactId: string };
type Body = Record<string, unknown>;

export interface TicketFileHooks {
  findTicket: (nomor: string) => Promise<Ticket | null>;
  notFound: (agent: SignedInAgent, reply: FastifyReply) => unknown;
  refused: (
    agent: SignedInAgent,
    reply: FastifyReply,
    ticketId: string,
    status: number,
    error: string,
  ) => unknown;
  done: (reply: FastifyReply, ticket: { number: string }, key: string) => unknown;
}

export function registerTicketFileRoute(
  app: FastifyInstance,
  deps: MessageDeps & { upload: { maxBytes: number } },
  hooks: TicketFileHooks,
) {
  const maxBytes = deps.upload.maxBytes;
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: "keyValues",
      limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 8 * 1024 },
    });
    // The body is read before the access hook (preHandler) runs: an upload
    // over the limit gets a plain page naming the limit, never the ticket's.
    scope.setErrorHandler((error: { code?: string }, request, reply) => {
      if (error.code !== "FST_REQ_FILE_TOO_LARGE" && error.code !== "FST_FILES_LIMIT") throw error;
      const why =
        error.code === "FST_FILES_LIMIT" ? "Mohon kirim satu berkas saja." : tooLarge(maxBytes);
      return sendMessage(
        request,
        reply,
        400,
        "Berkas tidak dapat dikirim",
        `${why} Mohon kembali ke halaman tiket dan pilih berkas lain.`,
      );
    });
    scope.post<{ Params: { nomor: string } }>(
      "/konsol/tiket/:nomor/berkas",
      { config: { access: ALL_ROLES }, preHandler: scope.csrfProtection },
      async (request, reply) => {
        const agent = request.agent as SignedInAgent;
        const ticket = await hooks.findTicket(request.params.nomor);
        if (!ticket) return hooks.notFound(agent, reply);
        const body = (request.body ?? {}) as Body;
        const file = [body.berkas].flat().find((v): v is Buffer => Buffer.isBuffer(v));
        const caption = typeof body.keterangan === "string" ? body.keterangan : "";
        const outcome = await sendTicketFile({ ...deps, maxBytes }, agent, ticket, {
          bytes: file ?? null,
          caption,
        });
        if (!outcome.ok)
          return hooks.refused(agent, reply, ticket.id, outcome.status, outcome.message);
        return hooks.done(reply, ticket, outcome.done);
      },
    );
  });
}
