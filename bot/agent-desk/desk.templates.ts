// The canned answers of /templat: the shipped ones, or AGENT_TEMPLATES_FILE.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import {
  DEFAULT_DESK_TEMPLATES,
  type DeskTemplate,
} from "../../core/content/desk-templates.content.ts";

const templatesSchema = z
  .array(
    z.object({
      id: z
        .string()
        .regex(/^[A-Za-z0-9-]{1,20}$/u, "id: 1-20 huruf, angka atau - / letters, digits, -"),
      title: z.string().min(1).max(60),
      text: z.string().min(1).max(3500),
    }),
  )
  .min(1)
  .max(40)
  .refine((list) => new Set(list.map((t) => t.id)).size === list.length, "id ganda / duplicate id");

/** A bad file stops start-up with the file's name and what is wrong. */
export async function loadDeskTemplates(
  file: string | undefined,
): Promise<readonly DeskTemplate[]> {
  if (!file) return DEFAULT_DESK_TEMPLATES;
  const parsed = templatesSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
  return parsed.data;
}
