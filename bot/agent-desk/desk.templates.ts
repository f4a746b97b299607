// The canned answers of /templat live in desk_templates (core/app/desk-templates.ts);
// at start an empty table is filled from AGENT_TEMPLATES_FILE or the shipped ones.
import { readFile } from "node:fs/promises";
import { deskTemplatesSchema, seedDeskTemplates } from "../../core/app/desk-templates.ts";
import {
  DEFAULT_DESK_TEMPLATES,
  type DeskTemplate,
} from "../../core/content/desk-templates.content.ts";
import type { PrismaClient } from "../../core/infra/db.ts";

/** A bad file stops start-up with the file's name and what is wrong. */
async function loadDeskTemplates(file: string | undefined): Promise<readonly DeskTemplate[]> {
  if (!file) return DEFAULT_DESK_TEMPLATES;
  const parsed = deskTemplatesSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
  return parsed.data;
}

/** Existing deployments keep their file's answers: they fill the table once, when it is empty. */
export async function seedTemplatesAtStart(prisma: PrismaClient, file: string | undefined) {
  if ((await prisma.deskTemplate.count()) > 0) return;
  await seedDeskTemplates(prisma, await loadDeskTemplates(file));
}
