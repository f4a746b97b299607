// The "Surat Keterangan Gangguan LPSE" from the ticket page, as the desk's
// /surat (bot/agent-desk/desk.documents.ts): the same form's two buttons,
// "Pratinjau" (the letter marked PRATINJAU, unnumbered, opened in the browser)
// and "Terbitkan" (numbered, stored with the ticket and sent to the citizen
// as from the desk, core/app/letters.ts). Any role may, as in the desk.
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import {
  type DisruptionLetterInput,
  issueDisruptionLetter,
  previewDisruptionLetter,
} from "../../core/app/letters.ts";
import type { DocumentDeps } from "../../core/app/request-form.ts";
import { wibWallTimeToIso } from "../../core/domain/shared/wib-time.ts";
import { recordAudit } from "../../core/infra/stores/audit.store.ts";
import { ALL_ROLES, type SignedInAgent } from "./access.ts";

export type LetterRouteDeps = Omit<DocumentDeps, "documents"> & {
  documents?: DocumentDeps["documents"];
};

/** `2026-11-28T09:00` from a datetime-local field, read as WIB; null when it is not a time. */
function wibField(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/u.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as number[];
  const iso = wibWallTimeToIso({
    year: year ?? 0,
    month: month ?? 0,
    day: day ?? 0,
    hour: hour ?? 0,
    minute: minute ?? 0,
  });
  return iso === null ? null : new Date(iso);
}

const field = (max: number) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string().max(max));
const LetterFormSchema = z.object({
  kode: field(100),
  mulai: field(20),
  selesai: field(20),
  pihak: field(1000),
});

const INCOMPLETE =
  "Mohon lengkapi data surat: kode tender/paket, mulai dan selesai gangguan (WIB), dan pihak terdampak; selesai gangguan tidak boleh sebelum mulainya.";

/** The form as the core's input, or the refusal in Bahasa Indonesia. */
export function letterInput(
  body: unknown,
  ticketId: string,
  agentId: string,
): DisruptionLetterInput | string {
  const parsed = LetterFormSchema.safeParse(body ?? {});
  if (!parsed.success) return INCOMPLETE;
  const { kode, mulai, selesai, pihak } = parsed.data;
  const start = wibField(mulai);
  const end = wibField(selesai);
  if (!kode || !pihak || !start || !end || end < start) return INCOMPLETE;
  return {
    ticketId,
    tenderCode: kode,
    disruptionStart: start,
    disruptionEnd: end,
    affectedParties: pihak,
    agentId,
  };
}

type Params = { nomor: string };
type Ticket = { id: string; number: string };
export interface LetterPages {
  findTicket(nomor: string): Promise<Ticket | null>;
  notFound(agent: SignedInAgent, reply: FastifyReply): FastifyReply;
  refused(agent: SignedInAgent, reply: FastifyReply, ticket: Ticket, message: string): unknown;
  done(reply: FastifyReply, ticket: Ticket, key: string): FastifyReply;
}

export function registerLetterRoutes(
  app: FastifyInstance,
  deps: LetterRouteDeps,
  pages: LetterPages,
) {
  const { documents } = deps;
  if (!documents) return; // no letterhead configured: no letters (the tests' bare consoles)
  const documentDeps = { ...deps, documents };
  for (const step of ["pratinjau", "terbitkan"] as const) {
    app.post<{ Params: Params }>(
      `/konsol/tiket/:nomor/surat/${step}`,
      { config: { access: ALL_ROLES }, preHandler: app.csrfProtection },
      async (request, reply) => {
        const agent = request.agent as SignedInAgent;
        const ticket = await pages.findTicket(request.params.nomor);
        if (!ticket) return pages.notFound(agent, reply);
        const input = letterInput(request.body, ticket.id, agent.id);
        if (typeof input === "string") return pages.refused(agent, reply, ticket, input);
        if (step === "pratinjau") {
          const preview = await previewDisruptionLetter(documentDeps, input);
          if (!preview.ok) return pages.refused(agent, reply, ticket, preview.error.message);
          await recordAudit(deps.prisma, {
            actor: { type: "AGENT", agentId: agent.id },
            action: "letter.preview",
            ticketId: ticket.id,
            detail: { tenderCode: input.tenderCode, via: "console" },
          });
          return reply
            .code(200)
            .type("application/pdf")
            .header("content-disposition", `inline; filename="${preview.value.fileName}"`)
            .send(preview.value.pdf);
        }
        const issued = await issueDisruptionLetter(documentDeps, input, { via: "console" });
        if (!issued.ok) return pages.refused(agent, reply, ticket, issued.error.message);
        return pages.done(reply, ticket, "surat");
      },
    );
  }
}
