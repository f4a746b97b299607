// Routing configuration, read from JSON/environment and validated here so a
// typo in a rule stops the worker at start-up instead of misrouting tickets.
import { z } from "zod";
import { CategoryIdSchema, UserRoleSchema } from "../ticket/ticket.catalog.ts";
import { PrioritySchema, TeamSchema } from "../ticket/ticket.enums.ts";

/** Routing never targets LKPP directly: LKPP is reached by escalation with an LKPP ticket number. */
export const RoutableTeamSchema = TeamSchema.exclude(["LKPP"]);
export type RoutableTeam = z.infer<typeof RoutableTeamSchema>;

export const RoutingRuleSchema = z.strictObject({
  id: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9_.-]{0,63}$/,
      "id aturan: huruf kecil, angka, _ . - / rule id: lower-case letters, digits, _ . -",
    ),
  /** Why the rule exists; shown in the routing reason. */
  description: z.string().min(1).optional(),
  when: z.strictObject({
    /** Any of these categories; absent: any category. */
    categories: z.array(CategoryIdSchema).min(1).optional(),
    /** Any of these applicant roles; absent: any role (including unknown). */
    userRoles: z.array(UserRoleSchema).min(1).optional(),
  }),
  team: RoutableTeamSchema,
  priority: PrioritySchema,
});
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;

/** A priority given when the bid deadline is at most `withinMinutes` away. */
export const DeadlineTierSchema = z.strictObject({
  withinMinutes: z
    .number()
    .int()
    .positive()
    .max(60 * 24 * 30),
  priority: PrioritySchema,
});

export const RoutingConfigSchema = z
  .strictObject({
    /** Tried in order; the first match wins. */
    rules: z.array(RoutingRuleSchema),
    /** Used when no rule matches. */
    fallback: z.strictObject({ team: RoutableTeamSchema, priority: PrioritySchema }),
    /**
     * Bid-deadline urgency: for these categories, a deadline that has not
     * passed and is within a tier's window raises the priority (never lowers
     * it). Real (calendar) minutes, because SPSE closes the upload at the exact
     * deadline whatever the office hours.
     */
    deadlineUrgency: z.strictObject({
      categories: z.array(CategoryIdSchema),
      tiers: z.array(DeadlineTierSchema),
    }),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["rules", index, "id"],
          message: `id aturan ganda "${rule.id}" / duplicate rule id "${rule.id}"`,
        });
      }
      seen.add(rule.id);
    });
    const windows = config.deadlineUrgency.tiers.map((tier) => tier.withinMinutes);
    if (new Set(windows).size !== windows.length) {
      ctx.addIssue({
        code: "custom",
        path: ["deadlineUrgency", "tiers"],
        message:
          "withinMinutes harus berbeda tiap tingkat / each tier needs a distinct withinMinutes",
      });
    }
  });
export type RoutingConfig = z.infer<typeof RoutingConfigSchema>;
