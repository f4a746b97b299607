// Tunable parts of the procedure, read from configuration. Kept apart from the
// transition table so an office can change who handles a team's tickets or the
// reopen window without touching the procedure itself.
import { z } from "zod";
import { AgentRoleSchema, TeamSchema } from "./ticket.enums.ts";

const roles = z.array(AgentRoleSchema);

export const LifecyclePolicySchema = z.object({
  /**
   * How long after resolution (calendar minutes, not business minutes: the
   * user tests the fix whenever they can) the user or an agent may reopen it.
   * The auto-close worker closes SELESAI tickets once this window has ended.
   */
  reopenWindowMinutes: z
    .number()
    .int()
    .positive()
    .max(60 * 24 * 90)
    .default(60 * 24 * 3),
  /** Teams the helpdesk may forward to. LKPP is reached by escalation only. */
  forwardTeams: z
    .array(TeamSchema.exclude(["LKPP", "HELPDESK"]))
    .min(1)
    .default(["VERIFIKATOR", "ADMIN", "BIDANG", "ANALIS"]),
  /**
   * Agent roles that work a team's tickets (SUPERVISOR always may). There is
   * no BIDANG agent role: by default the analyst relays BIDANG tickets to the
   * division and records its progress. LKPP tickets are external, so no role.
   */
  teamHandlers: z
    .object({
      HELPDESK: roles,
      VERIFIKATOR: roles,
      ADMIN: roles,
      BIDANG: roles,
      ANALIS: roles,
      LKPP: roles,
    })
    .default({
      HELPDESK: ["HELPDESK"],
      VERIFIKATOR: ["VERIFIKATOR"],
      ADMIN: ["ADMIN"],
      BIDANG: ["ANALIS"],
      ANALIS: ["ANALIS"],
      LKPP: [],
    }),
});

export type LifecyclePolicy = z.infer<typeof LifecyclePolicySchema>;

export const DEFAULT_LIFECYCLE_POLICY: LifecyclePolicy = LifecyclePolicySchema.parse({});
