// The search terms kept of questions no article answered (kb_events.terms)
// carry no contact id by design, and names are cut out on the way in; yet a
// name typed in lower case can slip through. An erasure therefore also drops
// every kept term that is a word of the person's names (as they wrote them on
// the channel and on their tickets), put through the same normalisation the
// terms were. It runs before the ticket purge blanks those names.
import type { Cipher } from "../infra/crypto.ts";
import { noMatchTerms } from "../infra/knowledge/no-match-terms.ts";
import { openTicketApplicant } from "../infra/stores/ticket-applicant.ts";
import type { Tx } from "../infra/stores/tx.ts";

interface Ctx {
  tx: Tx;
  cipher: Cipher;
}
interface Subject {
  contactIds: readonly string[];
  ticketIds: readonly string[];
}

/** A name's words, as kb_events.terms would hold them. */
function termsOfNames(names: readonly (string | null)[]): string[] {
  const words = names
    .flatMap((name) => (name ?? "").toLowerCase().split(/[^\p{L}]+/u))
    .filter((word) => word.length >= 3);
  return [...new Set(words.flatMap((word) => noMatchTerms(word)))];
}

async function namesOf(ctx: Ctx, subject: Subject): Promise<(string | null)[]> {
  const contacts = await ctx.tx.contact.findMany({
    where: { id: { in: [...subject.contactIds] } },
    select: { displayName: true },
  });
  const tickets = await ctx.tx.ticket.findMany({
    where: { id: { in: [...subject.ticketIds] } },
  });
  return [
    ...contacts.map((c) => c.displayName),
    ...tickets.flatMap((t) => {
      try {
        return [openTicketApplicant(ctx.cipher, t).name, t.organisation];
      } catch {
        // A box no configured key opens cannot be matched; the rest still is.
        return [t.applicantName, t.organisation];
      }
    }),
  ];
}

/** Drops the kept search terms that are words of the subject's names. */
export async function eraseSearchTermsNaming(ctx: Ctx, subject: Subject): Promise<number> {
  const terms = termsOfNames(await namesOf(ctx, subject));
  if (terms.length === 0) return 0;
  return ctx.tx.$executeRaw`
    UPDATE kb_events
    SET terms = ARRAY(SELECT t FROM unnest(terms) AS t WHERE NOT (t = ANY(${terms}::text[])))
    WHERE terms && ${terms}::text[]`;
}

/** Search terms are kept as long as messages (RETENTION_MESSAGE_DAYS). */
export async function expireSearchTerms(ctx: Ctx, before: Date): Promise<number> {
  return ctx.tx.$executeRaw`
    UPDATE kb_events SET terms = '{}' WHERE at < ${before} AND cardinality(terms) > 0`;
}
