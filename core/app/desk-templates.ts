// The desk's canned answers, kept in desk_templates: read by the desk each
// time /templat is used (so an edit in the console applies at once in every
// process), seeded from AGENT_TEMPLATES_FILE or the shipped defaults when the
// table is empty, and edited by supervisors in the console. One schema for
// the file and the console; each change and its audit entry in one transaction.
import { z } from "zod";
import type { DeskTemplate } from "../content/desk-templates.content.ts";
import { err, ok, type Result } from "../domain/shared/result.ts";
import type { PrismaClient } from "../infra/db.ts";
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

export async function createDeskTemplate(
  prisma: PrismaClient,
  actor: AuditActor,
  input: DeskTemplate,
  via: Via,
): Promise<Result<void, TemplateError>> {
  return prisma.$transaction(async (tx) => {
    const all = await tx.deskTemplate.findMany({ select: { id: true, position: true } });
    if (all.some((t) => t.id === input.id)) return err("duplicate" as const);
    if (all.length >= MAX_TEMPLATES) return err("full" as const);
    const position = Math.max(-1, ...all.map((t) => t.position)) + 1;
    await tx.deskTemplate.create({
      data: { id: input.id, title: input.title, body: input.text, position },
    });
    await recordAudit(tx, {
      actor,
      action: "template.create",
      detail: { templateId: input.id, length: input.text.length, via },
    });
    return ok(undefined);
  });
}

export async function updateDeskTemplate(
  prisma: PrismaClient,
  actor: AuditActor,
  input: DeskTemplate,
  via: Via,
): Promise<Result<void, TemplateError>> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.deskTemplate.updateMany({
      where: { id: input.id },
      data: { title: input.title, body: input.text },
    });
    if (count === 0) return err("not-found" as const);
    await recordAudit(tx, {
      actor,
      action: "template.update",
      detail: { templateId: input.id, length: input.text.length, via },
    });
    return ok(undefined);
  });
}

export async function deleteDeskTemplate(
  prisma: PrismaClient,
  actor: AuditActor,
  id: string,
  via: Via,
): Promise<Result<void, TemplateError>> {
  return prisma.$transaction(async (tx) => {
    if (!(await tx.deskTemplate.findUnique({ where: { id } }))) return err("not-found" as const);
    if ((await tx.deskTemplate.count()) <= 1) return err("last" as const);
    await tx.deskTemplate.delete({ where: { id } });
    await recordAudit(tx, { actor, action: "template.delete", detail: { templateId: id, via } });
    return ok(undefined);
  });
}
