// Errors leave the process in two places, log lines and failed jobs (BullMQ
// keeps a failed job's message and stack in Redis, the dead-letter table
// copies the message). Prisma's errors quote the query's arguments (a
// ticket's name, e-mail, request text): they go out as their code and the
// fields involved, never their message. Other errors go out with NIKs and
// phone numbers redacted (core/domain/privacy/redact.ts).
import { redactText } from "../domain/privacy/redact.ts";

interface PrismaLike extends Error {
  code?: string;
  clientVersion?: string;
  meta?: Record<string, unknown>;
}

export function isPrismaError(err: unknown): err is PrismaLike {
  return (
    err instanceof Error &&
    (err.name.startsWith("PrismaClient") ||
      err.name === "DriverAdapterError" ||
      typeof (err as PrismaLike).clientVersion === "string")
  );
}

/** What may be said about a Prisma error: its kind, code, model and the fields involved. */
export function prismaErrorSummary(err: PrismaLike): string {
  const target = err.meta?.target;
  const fields = Array.isArray(target)
    ? target.join(",")
    : typeof target === "string"
      ? target
      : "";
  const model = typeof err.meta?.modelName === "string" ? err.meta.modelName : "";
  return [err.name, err.code, model && `model ${model}`, fields && `fields ${fields}`]
    .filter(Boolean)
    .join(" ");
}

const frames = (stack: string | undefined) =>
  (stack ?? "")
    .split("\n")
    .filter((line) => line.startsWith("    at "))
    .join("\n");

/** A copy safe to log: Prisma errors anywhere in the cause chain reduced to their summary. */
export function withoutPrismaValues(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  if (isPrismaError(err)) {
    // A class of the same name: the log's `type` still says which Prisma error it was.
    const Named = { [err.name]: class extends Error {} }[err.name] ?? Error;
    const safe = new Named(prismaErrorSummary(err));
    safe.name = err.name;
    safe.stack = `${err.name}: ${safe.message}\n${frames(err.stack)}`;
    return Object.assign(safe, { code: err.code });
  }
  const cause = (err as { cause?: unknown }).cause;
  const safeCause = withoutPrismaValues(cause);
  if (safeCause === cause) return err;
  const copy = Object.assign(Object.create(Object.getPrototypeOf(err) as object) as Error, err);
  copy.name = err.name;
  copy.message = err.message;
  copy.stack = err.stack ?? "";
  return Object.assign(copy, { cause: safeCause });
}

/**
 * The error a job fails with, as BullMQ will store it: the same object
 * (its class decides retries), with a message and stack fit for Redis.
 */
export function scrubJobError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  if (isPrismaError(err)) {
    const summary = prismaErrorSummary(err);
    err.message = summary;
    err.stack = `${err.name}: ${summary}\n${frames(err.stack)}`;
    return err;
  }
  err.message = redactText(err.message);
  if (err.stack) err.stack = redactText(err.stack);
  return err;
}
