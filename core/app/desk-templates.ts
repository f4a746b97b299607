// The desk's canned answers, kept in desk_templates: read by the desk each
// time /templat is used (so an edit in the console applies at once in every
// process), seeded from AGENT_TEMPLATES_FILE or the shipped defaults when the
// table is empty, and edited by supervisors in the console. One schema for
// the file and the console; each change and its audit entry in one transaction.
import { z } from "zod";
import type { DeskTemplate } from "../content/desk-templates.content.ts";
import { err, ok, type Result } from "../domain/shared/result.ts";
import type { Prisma, PrismaClient } from "../infra/db.ts";
import { type AuditActor, recordAudit } from "../infra/stores/audit.store.ts";

export const MAX_TEMPLATES = 40;

export const deskTemplateSchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,20}$/u, "Kode: 1-20 huruf, angka atau tanda minus (-), tanpa spasi."),
  title: z.string().trim().min(1, "Judul wajib diisi.").max(60, "Judul paling banyak 60 karakter."),
  text: z
    .string()
    .trim()
    .min(1, "Isi jawaban wajib diisi.")
    .max(3500, "Isi jawaban paling banyak 3500 karakter."),
});

export const deskTemplatesSchema = z
  .array(deskTemplateSchema)
  .min(1, "Paling sedikit satu templat.")
  .max(MAX_TEMPLATES, `Paling banyak ${MAX_TEMPLATES} templat.`)
  .refine((list) => new Set(list.map((t) => t.id)).size === list.length, "Kode templat ganda.");

export type TemplateError = "duplicate" | "not-found" | "full" | "last";

/** What to tell the supervisor, in Bahasa Indonesia. */
export const TEMPLATE_ERROR_TEXT: Record<TemplateError, string> = {
  duplicate: "Kode templat tersebut sudah dipakai. Mohon pilih kode lain.",
  "not-found": "Templat tidak ditemukan. Mungkin sudah dihapus.",
  full: `Jumlah templat sudah mencapai batas (${MAX_TEMPLATES}). Hapus templat lain terlebih dahulu.`,
  last: "Templat terakhir tidak dapat dihapus: desk memerlukan paling sedikit satu templat.",
};

/** In the order shown. */
export async function listDeskTemplates(prisma: PrismaClient): Promise<DeskTemplate[]> {
  const rows = await prisma.deskTemplate.findMany({
    orderBy: [{ position: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({ id: r.id, title: r.title, text: r.body }));
}

export async function findDeskTemplate(prisma: PrismaClient, id: string) {
  const row = await prisma.deskTemplate.findUnique({ where: { id } });
  return row ? { id: row.id, title: row.title, text: row.body } : null;
}

/** Fills an empty table (a first start, or one after the upgrade); otherwise changes nothing. */
export async function seedDeskTemplates(
  prisma: PrismaClient,
  templates: readonly DeskTemplate[],
): Promise<number> {
  if ((await prisma.deskTemplate.count()) > 0) return 0;
  const { count } = await prisma.deskTemplate.createMany({
    data: templates.map((t, position) => ({ id: t.id, title: t.title, body: t.text, position })),
    skipDuplicates: true,
  });
  return count;
}

type Via = "telegram" | "console";

/**
 * One change to the table and its audit entry in one transaction: `change`
 * returns why it refused (nothing is written then, nothing audited) or nothing.
 */
function auditedChange(
  prisma: PrismaClient,
  actor: AuditActor,
  audit: { action: string; detail: Prisma.InputJsonObject },
  change: (tx: Prisma.TransactionClient) => Promise<TemplateError | undefined>,
): Promise<Result<void, TemplateError>> {
  return prisma.$transaction(async (tx) => {
    const refused = await change(tx);
    if (refused) return err(refused);
    await recordAudit(tx, { actor, ...audit });
    return ok(undefined);
  });
}

/** What a created or edited answer's audit entry says: its code and length, never its text. */
const writeAudit = (action: string, input: DeskTemplate, via: Via) => ({
  action,
  detail: { templateId: input.id, length: input.text.length, via },
});

export async function createDeskTemplate(
  prisma: PrismaClient,
  actor: AuditActor,
  input: DeskTemplate,
  via: Via,
): Promise<Result<void, TemplateError>> {
  return auditedChange(prisma, actor, writeAudit("template.create", input, via), async (tx) => {
    const all = await tx.deskTemplate.findMany({ select: { id: true, position: true } });
    if (all.some((t) => t.id === input.id)) return "duplicate";
    if (all.length >= MAX_TEMPLATES) return "full";
    const position = Math.max(-1, ...all.map((t) => t.position)) + 1;
    await tx.deskTemplate.create({
      data: { id: input.id, title: input.title, body: input.text, position },
    });
  });
}

export async function updateDeskTemplate(
  prisma: PrismaClient,
  actor: AuditActor,
  input: DeskTemplate,
  via: Via,
): Promise<Result<void, TemplateError>> {
  return auditedChange(prisma, actor, writeAudit("template.update", input, via), async (tx) => {
    const { count } = await tx.deskTemplate.updateMany({
      where: { id: input.id },
      data: { title: input.title, body: input.text },
    });
    if (count === 0) return "not-found";
  });
}

export async function deleteDeskTemplate(
  prisma: PrismaClient,
  actor: AuditActor,
  id: string,
  via: Via,
): Promise<Result<void, TemplateError>> {
  const audit = { action: "template.delete", detail: { templateId: id, via } };
  return auditedChange(prisma, actor, audit, async (tx) => {
    if (!(await tx.deskTemplate.findUnique({ where: { id } }))) return "not-found";
    if ((await tx.deskTemplate.count()) <= 1) return "last";
    await tx.deskTemplate.delete({ where: { id } });
  });
}
