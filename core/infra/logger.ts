import { type DestinationStream, type Logger, type LoggerOptions, pino } from "pino";
import { redactText } from "../domain/privacy/redact.ts";
import { withoutPrismaValues } from "./error-scrub.ts";

export type { Logger };

/** Fields that hold personal data by name, wherever they appear. */
const REDACT_PATHS = [
  "phone",
  "nik",
  "jid",
  "*.phone",
  "*.nik",
  "*.jid",
  "*.phoneNumber",
  "*.senderPn",
  "*.remoteJid",
  "*.remoteJidAlt",
];

/**
 * Wraps the destination so every finished line is scrubbed as text: a NIK or a
 * phone number can hide in any string (a user's message, an error's message or
 * stack, a Baileys object), not only in the fields named above.
 */
function redactingStream(target: DestinationStream): DestinationStream {
  return { write: (line: string) => target.write(redactText(line)) };
}

export function createLogger(
  options: { level?: LoggerOptions["level"]; name?: string } = {},
  destination: DestinationStream = pino.destination({ dest: 1, sync: false }),
): Logger {
  return pino(
    {
      level: options.level ?? "info",
      name: options.name,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      // Prisma's messages quote field values: logged as codes (error-scrub.ts).
      serializers: {
        err: (err: unknown) => pino.stdSerializers.err(withoutPrismaValues(err) as Error),
      },
      base: { pid: process.pid },
    },
    redactingStream(destination),
  );
}
