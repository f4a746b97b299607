// The one schema over the environment. Every process parses it once in its
// main.ts and passes the result down; nothing else reads process.env.
//
// Each area's variables are a zod schema in core/config/<area>.ts, with the
// example and the description docs/configuration.md is generated from
// (npm run docs:config). They sit together under core/config/ rather than
// beside the code that reads them because that code is spread over bot/,
// workers/ and core/, and core may not import bot/ (nor bot/ and workers/ each
// other); every process also needs every area checked before it starts. This
// module is the one place they are composed: one object of all variables, the
// cross-area rules (core/config/rules.ts), and one error listing every problem.
import { z } from "zod";
import { buildConfig } from "./config/build.ts";
import { consoleArea } from "./config/console.ts";
import { conversationArea } from "./config/conversation.ts";
import { deskArea } from "./config/desk.ts";
import { documentsArea } from "./config/documents.ts";
import { retentionArea } from "./config/retention.ts";
import { CONFIG_RULES } from "./config/rules.ts";
import { securityArea } from "./config/security.ts";
import { serverArea } from "./config/server.ts";
import type { Area } from "./config/setting.ts";
import { storageArea } from "./config/storage.ts";
import { telegramArea } from "./config/telegram.ts";
import type { Config } from "./config/types.ts";
import { whatsappArea } from "./config/whatsapp.ts";
import { workflowArea } from "./config/workflow.ts";

export type { Config } from "./config/types.ts";

/** The areas in the order of the documentation. */
export const CONFIG_AREAS: readonly Area[] = [
  serverArea,
  storageArea,
  securityArea,
  conversationArea,
  workflowArea,
  retentionArea,
  telegramArea,
  whatsappArea,
  deskArea,
  documentsArea,
  consoleArea,
];

const schema = z
  .object({
    ...serverArea.shape,
    ...storageArea.shape,
    ...securityArea.shape,
    ...conversationArea.shape,
    ...workflowArea.shape,
    ...retentionArea.shape,
    ...telegramArea.shape,
    ...whatsappArea.shape,
    ...deskArea.shape,
    ...documentsArea.shape,
    ...consoleArea.shape,
  })
  .superRefine((env, ctx) => {
    for (const rule of CONFIG_RULES) rule.check(env, ctx);
  });

const settings = CONFIG_AREAS.flatMap((area) => Object.entries(area.settings));

/** Every variable the service reads, for documentation checks. */
export const CONFIG_VARIABLES = Object.keys(schema.shape);

/** Each variable with the example shown when it is wrong or missing. */
export const configExamples: Record<string, string> = Object.fromEntries(
  settings.map(([name, { doc }]) => [name, doc.example]),
);

export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
  constructor(readonly problems: string[]) {
    super(
      [
        "Konfigurasi tidak valid / invalid configuration:",
        ...problems.map((p) => `  - ${p}`),
        "Lihat .env.example dan docs/configuration.md / see .env.example and docs/configuration.md.",
      ].join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** Parses the environment, listing every problem at once with an example value. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "?");
      const example = configExamples[name];
      return `${name}: ${issue.message}${example ? ` (contoh/example: ${name}=${example})` : ""}`;
    });
    throw new ConfigError(problems);
  }
  return buildConfig(parsed.data);
}

/**
 * Reads `./.env` into process.env when the file exists; variables already
 * set in the environment win. Only process entry points call this.
 */
export function loadDotEnv(file = ".env"): void {
  try {
    process.loadEnvFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}
