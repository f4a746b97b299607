// The canned answers in the console: GET /konsol/templat (every role reads
// them), and for supervisors POST /konsol/templat/{tambah,ubah,hapus} with
// CSRF, validated by the schema of AGENT_TEMPLATES_FILE and audited
// (template.create/update/delete, via "console") by core/app/desk-templates.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  createDeskTemplate,
  deleteDeskTemplate,
  deskTemplateSchema,
  listDeskTemplates,
  TEMPLATE_ERROR_TEXT,
  updateDeskTemplate,
} from "../../core/app/desk-templates.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import { ALL_ROLES } from "./access.ts";
import { agentOf, sendHtml, viewerOf } from "./respond.ts";
import { type TemplatesNotice, templatesPage } from "./templates.page.ts";

const SUPERVISOR = ["SUPERVISOR"] as const;
const PATH = "/konsol/templat";
const DONE: Record<string, string> = {
  tambah: "Templat berhasil ditambahkan.",
  ubah: "Perubahan templat tersimpan.",
  hapus: "Templat berhasil dihapus.",
};
const ERROR_STATUS = { duplicate: 409, "not-found": 404, full: 409, last: 409 } as const;

type Body = { id?: string; title?: string; text?: string };
const str = (v: unknown) => (typeof v === "string" ? v : "");

export function registerTemplateRoutes(app: FastifyInstance, deps: { prisma: PrismaClient }) {
  const { prisma } = deps;
  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    notice?: TemplatesNotice,
  ) =>
    sendHtml(
      reply,
      status,
      templatesPage(viewerOf(request, reply), await listDeskTemplates(prisma), notice),
    );

  app.get<{ Querystring: { pesan?: string } }>(
    PATH,
    { config: { access: ALL_ROLES } },
    (request, reply) => {
      const key = str(request.query.pesan);
      return show(request, reply, 200, Object.hasOwn(DONE, key) ? { ok: DONE[key] } : undefined);
    },
  );

  for (const action of ["tambah", "ubah"] as const) {
    app.post<{ Body: Body }>(
      `${PATH}/${action}`,
      { config: { access: SUPERVISOR }, preHandler: app.csrfProtection },
      async (request, reply) => {
        const draft = {
          id: str(request.body?.id),
          title: str(request.body?.title),
          text: str(request.body?.text),
        };
        const form = action === "tambah" ? "new" : draft.id;
        const parsed = deskTemplateSchema.safeParse(draft);
        if (!parsed.success) {
          const error = parsed.error.issues[0]?.message ?? "Isian tidak valid.";
          return show(request, reply, 400, { error, form, draft });
        }
        const actor = { type: "AGENT" as const, agentId: agentOf(request).id };
        const save = action === "tambah" ? createDeskTemplate : updateDeskTemplate;
        const result = await save(prisma, actor, parsed.data, "console");
        if (!result.ok) {
          const error = TEMPLATE_ERROR_TEXT[result.error];
          return show(request, reply, ERROR_STATUS[result.error], { error, form, draft });
        }
        return reply.redirect(`${PATH}?pesan=${action}`, 303);
      },
    );
  }

  app.post<{ Body: Body }>(
    `${PATH}/hapus`,
    { config: { access: SUPERVISOR }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const id = str(request.body?.id);
      const actor = { type: "AGENT" as const, agentId: agentOf(request).id };
      const result = await deleteDeskTemplate(prisma, actor, id, "console");
      if (!result.ok) {
        const error = TEMPLATE_ERROR_TEXT[result.error];
        return show(request, reply, ERROR_STATUS[result.error], { error, form: id });
      }
      return reply.redirect(`${PATH}?pesan=hapus`, 303);
    },
  );
}
