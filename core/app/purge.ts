// The one purge of personal data, for a user's erasure and for the retention
// schedule alike. It runs PURGE_STEPS in order: the kept search terms that
// name the person (before the names are blanked), the SQL rules of
// core/app/personal-data.ts, then the steps that must open sealed values to
// find a person's rows, and the agents group's topics (purge-desk.ts: queued
// for the desk, which deletes them in Telegram). Another step is one more
// entry in the list, or passed in `extraSteps` by the caller.
import type { Cipher } from "../infra/crypto.ts";
import type { Tx } from "../infra/stores/tx.ts";
import { idleContacts, PURGE_RULES, type PurgeRule } from "./personal-data.ts";
import { eraseGroupTopics, expireGroupTopics } from "./purge-desk.ts";
import { forgetChannelAddresses, purgeTelegramInbox } from "./purge-sealed.ts";
import { eraseSearchTermsNaming, expireSearchTerms } from "./purge-search-terms.ts";

/** One data subject: their contacts and tickets (see privacy.ts for how they are found). */
export interface ErasureSubject {
  contactIds: readonly string[];
  ticketIds: readonly string[];
}

export interface RetentionCutoffs {
  now: Date;
  /** Documents of tickets closed before this. */
  attachments: Date;
  /** Personal fields of tickets closed, complaints, contacts idle before this. */
  personal: Date;
  /** Message bodies, relays, idle chats, unhandled updates, dead letters before this. */
  messages: Date;
  /** Draft files never attached to a ticket, made before this. */
  orphans: Date;
}

export interface PurgeContext {
  tx: Tx;
  cipher: Cipher;
  now: Date;
}

/** A purge step: what it does to one data subject, and on the retention schedule. */
export interface PurgeStep {
  name: string;
  erase?(ctx: PurgeContext, subject: ErasureSubject): Promise<number>;
  expire?(ctx: PurgeContext, cutoffs: RetentionCutoffs): Promise<number>;
}

export type PurgeCounts = Record<string, number>;

/** Turns `:name` placeholders into positional parameters. */
function bindSql(sql: string, values: Record<string, unknown>) {
  const order: unknown[] = [];
  const positions = new Map<string, number>();
  const text = sql.replace(/:([a-z]+)\b/g, (match, name: string, offset: number) => {
    // "::text" casts are not placeholders.
    if (sql[offset - 1] === ":") return match;
    if (!(name in values)) throw new Error(`purge SQL names :${name}, which is not given`);
    let position = positions.get(name);
    if (position === undefined) {
      order.push(values[name]);
      position = order.length;
      positions.set(name, position);
    }
    return `$${position}`;
  });
  return { text, values: order };
}

async function runRule(
  tx: Tx,
  rule: PurgeRule,
  where: string,
  values: Record<string, unknown>,
): Promise<number> {
  const statement = rule.set
    ? `UPDATE ${rule.table} SET ${rule.set} WHERE ${where}`
    : `DELETE FROM ${rule.table} WHERE ${where}`;
  const { text, values: ordered } = bindSql(statement, values);
  return tx.$executeRawUnsafe(text, ...ordered);
}

/** Ids of rows that name the subject in job data (dead letters). */
async function relatedIds(tx: Tx, subject: ErasureSubject): Promise<string[]> {
  const contacts = [...subject.contactIds];
  const tickets = [...subject.ticketIds];
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM outbound_messages WHERE contact_id = ANY(${contacts}::uuid[])
    UNION ALL SELECT id::text FROM desk_relays WHERE contact_id = ANY(${contacts}::uuid[])
    UNION ALL SELECT id::text FROM complaints WHERE contact_id = ANY(${contacts}::uuid[])
    UNION ALL SELECT id::text FROM deletion_requests WHERE contact_id = ANY(${contacts}::uuid[])
    UNION ALL SELECT id::text FROM attachments
      WHERE contact_id = ANY(${contacts}::uuid[]) OR ticket_id = ANY(${tickets}::uuid[])`;
  return [...contacts, ...tickets, ...rows.map((r) => r.id)];
}

function ruleStep(rule: PurgeRule): PurgeStep {
  return {
    name: rule.name,
    ...(rule.subject
      ? {
          async erase({ tx, now }, subject) {
            const related = rule.subject?.includes(":related") ? await relatedIds(tx, subject) : [];
            return runRule(tx, rule, rule.subject as string, {
              contacts: [...subject.contactIds],
              tickets: [...subject.ticketIds],
              related,
              now,
            });
          },
        }
      : {}),
    ...(rule.expired
      ? {
          async expire({ tx }, cutoffs) {
            return runRule(tx, rule, rule.expired as string, { ...cutoffs });
          },
        }
      : {}),
  };
}

/** Rows only found by opening sealed values (see purge-sealed.ts), and the agents group. */
const SEALED_STEPS: readonly PurgeStep[] = [
  {
    name: "agentsGroup",
    erase: (ctx, subject) => eraseGroupTopics(ctx, subject),
    expire: (ctx, cutoffs) => expireGroupTopics(ctx, cutoffs),
  },
  {
    name: "telegramInbox",
    erase: (ctx, subject) => purgeTelegramInbox(ctx, subject.contactIds),
    async expire({ tx }, cutoffs) {
      const { count } = await tx.telegramInbox.deleteMany({
        where: { receivedAt: { lt: cutoffs.messages } },
      });
      return count;
    },
  },
  {
    // Runs last, and for an erasure only once the final notice is out (privacy.ts).
    name: "channelAddresses",
    erase: (ctx, subject) => forgetChannelAddresses(ctx, subject.contactIds),
    async expire(ctx, cutoffs) {
      const { text, values } = bindSql(idleContacts(), { ...cutoffs });
      const idle = await ctx.tx.$queryRawUnsafe<{ id: string }[]>(
        `SELECT id::text AS id FROM (${text}) idle`,
        ...values,
      );
      return forgetChannelAddresses(
        ctx,
        idle.map((r) => r.id),
      );
    },
  },
];

/** Steps that read what the rules then blank (the names on tickets). */
const EARLY_STEPS: readonly PurgeStep[] = [
  {
    name: "searchTerms",
    erase: (ctx, subject) => eraseSearchTermsNaming(ctx, subject),
    expire: (ctx, cutoffs) => expireSearchTerms(ctx, cutoffs.messages),
  },
];

export const PURGE_STEPS: readonly PurgeStep[] = [
  ...EARLY_STEPS,
  ...PURGE_RULES.map(ruleStep),
  ...SEALED_STEPS,
];

/** Steps that erase what is in the database now; the channel address waits for the final notice. */
const isAddressStep = (step: PurgeStep) => step.name === "channelAddresses";

/** Erases one subject's personal data in the caller's transaction. */
export async function eraseSubject(
  ctx: PurgeContext,
  subject: ErasureSubject,
  options: { withAddress: boolean; extraSteps?: readonly PurgeStep[] },
): Promise<PurgeCounts> {
  const counts: PurgeCounts = {};
  const steps = [...PURGE_STEPS, ...(options.extraSteps ?? [])].filter(
    (step) => options.withAddress || !isAddressStep(step),
  );
  for (const step of steps) {
    if (step.erase) counts[step.name] = await step.erase(ctx, subject);
  }
  return counts;
}

/** Applies the retention schedule; each step in its own statement(s). */
export async function expireAll(
  ctx: PurgeContext,
  cutoffs: RetentionCutoffs,
  extraSteps: readonly PurgeStep[] = [],
): Promise<PurgeCounts> {
  const counts: PurgeCounts = {};
  for (const step of [...PURGE_STEPS, ...extraSteps]) {
    if (step.expire) counts[step.name] = await step.expire(ctx, cutoffs);
  }
  return counts;
}
