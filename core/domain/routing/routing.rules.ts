// Chooses the team and priority of a new ticket from the configured rules.
// Pure: `now` comes in so the bid-deadline window is testable.
import type { Result } from "../shared/result.ts";
import { err, ok } from "../shared/result.ts";
import type { CategoryId, UserRole } from "../ticket/ticket.catalog.ts";
import type { Priority } from "../ticket/ticket.enums.ts";
import { maxPriority } from "../ticket/ticket.enums.ts";
import type { RoutableTeam, RoutingConfig, RoutingRule } from "./routing.schema.ts";
import { RoutingConfigSchema } from "./routing.schema.ts";

/** What routing looks at; all of it is collected by the conversation. */
export interface TicketFacts {
  category: CategoryId;
  /** The applicant's role, when they gave one. */
  userRole: UserRole | null;
  /** Bid submission deadline of the tender concerned, when known. */
  bidDeadline: Date | null;
}

export interface RoutingDecision {
  team: RoutableTeam;
  priority: Priority;
  /** The matching rule; null when the fallback applied. */
  ruleId: string | null;
  /** Why, in Bahasa Indonesia, for the ticket card in the agents group. */
  reason: string;
  reasonEn: string;
}

export interface RoutingConfigError {
  code: "INVALID_ROUTING_CONFIG";
  message: string;
  messageEn: string;
  /** One line per problem: "path: message". */
  issues: string[];
}

/** Validates routing configuration read from JSON or the environment. */
export function parseRoutingConfig(input: unknown): Result<RoutingConfig, RoutingConfigError> {
  const parsed = RoutingConfigSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issues = parsed.error.issues.map(
    (issue) => `${issue.path.join(".") || "(akar/root)"}: ${issue.message}`,
  );
  return err({
    code: "INVALID_ROUTING_CONFIG",
    message: `Konfigurasi routing tidak valid: ${issues.join("; ")}`,
    messageEn: `Invalid routing configuration: ${issues.join("; ")}`,
    issues,
  });
}

export function ruleMatches(rule: RoutingRule, facts: TicketFacts): boolean {
  const { categories, userRoles } = rule.when;
  if (categories !== undefined && !categories.includes(facts.category)) return false;
  if (userRoles !== undefined) {
    // A role-specific rule needs a known role; an unknown role falls through.
    if (facts.userRole === null || !userRoles.includes(facts.userRole)) return false;
  }
  return true;
}

const MINUTE_MS = 60_000;

/** First matching rule wins; the bid deadline may then raise the priority. */
export function route(facts: TicketFacts, config: RoutingConfig, now: Date): RoutingDecision {
  const rule = config.rules.find((candidate) => ruleMatches(candidate, facts));
  const team = rule?.team ?? config.fallback.team;
  let priority = rule?.priority ?? config.fallback.priority;
  let reason = rule
    ? `Aturan "${rule.id}"${rule.description ? ` (${rule.description})` : ""}: tim ${team}, prioritas ${priority}.`
    : `Tidak ada aturan yang cocok untuk kategori ${facts.category}: tim bawaan ${team}, prioritas ${priority}.`;
  let reasonEn = rule
    ? `Rule "${rule.id}": team ${team}, priority ${priority}.`
    : `No rule matches category ${facts.category}: default team ${team}, priority ${priority}.`;

  const urgency = deadlineUrgency(facts, config, now);
  if (urgency !== null) {
    const raised = maxPriority(priority, urgency.priority ?? priority);
    if (urgency.priority === null) {
      reason += ` Batas unggah penawaran sudah lewat; prioritas tidak dinaikkan.`;
      reasonEn += ` The bid deadline has passed; priority not raised.`;
    } else if (raised !== priority) {
      const left = formatDuration(urgency.minutesLeft);
      reason += ` Batas unggah penawaran ${left.id} lagi (≤ ${formatDuration(urgency.withinMinutes).id}): prioritas dinaikkan ke ${raised}.`;
      reasonEn += ` Bid deadline in ${left.en} (≤ ${formatDuration(urgency.withinMinutes).en}): priority raised to ${raised}.`;
    }
    priority = raised;
  }
  return { team, priority, ruleId: rule?.id ?? null, reason, reasonEn };
}

/**
 * The deadline tier that applies, if the category is deadline-sensitive and a
 * deadline is known. `priority` null: the deadline has already passed (the
 * upload can no longer be saved, so urgency does not apply).
 */
function deadlineUrgency(
  facts: TicketFacts,
  config: RoutingConfig,
  now: Date,
): { priority: Priority | null; minutesLeft: number; withinMinutes: number } | null {
  const { categories, tiers } = config.deadlineUrgency;
  if (facts.bidDeadline === null || !categories.includes(facts.category)) return null;
  const msLeft = facts.bidDeadline.getTime() - now.getTime();
  if (msLeft < 0) return { priority: null, minutesLeft: msLeft / MINUTE_MS, withinMinutes: 0 };
  let best: { priority: Priority; withinMinutes: number } | null = null;
  for (const tier of tiers) {
    if (msLeft > tier.withinMinutes * MINUTE_MS) continue;
    if (best === null || maxPriority(best.priority, tier.priority) !== best.priority) {
      best = tier;
    } else if (tier.priority === best.priority && tier.withinMinutes < best.withinMinutes) {
      best = tier;
    }
  }
  if (best === null) return null;
  return { ...best, minutesLeft: msLeft / MINUTE_MS };
}

function formatDuration(minutes: number): { id: string; en: string } {
  const total = Math.floor(minutes);
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return { id: `${rest} menit`, en: `${rest} min` };
  if (rest === 0) return { id: `${hours} jam`, en: `${hours} h` };
  return { id: `${hours} jam ${rest} menit`, en: `${hours} h ${rest} min` };
}
