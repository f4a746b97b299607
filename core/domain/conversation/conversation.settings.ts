import { z } from "zod";
import { CATEGORY_REQUIREMENTS, DEFAULT_CATEGORIES } from "../../content/index.ts";
import {
  BusinessCalendarSchema,
  DEFAULT_BUSINESS_CALENDAR,
} from "../sla/business-calendar.schema.ts";
import { officeHoursText } from "./office-hours.ts";

const MINUTE_MS = 60_000;

const localizedSchema = z.object({ id: z.string().min(1), en: z.string().min(1) });

export const categoryDefinitionSchema = z.object({
  id: z.string().regex(/^[A-Z0-9_]{1,40}$/u, "category ids are UPPER_SNAKE_CASE"),
  label: localizedSchema,
  keywords: z.array(z.string()).default([]),
  requires: z.array(z.enum(CATEGORY_REQUIREMENTS)),
});

/**
 * Configuration of the engine. Office e-mail and opening hours are not part of
 * the service standard, so they come in here. Parse at start-up: a bad
 * configuration should stop the process, not confuse users.
 */
export const conversationSettingsSchema = z
  .object({
    categories: z
      .array(categoryDefinitionSchema)
      .min(1)
      .default(() =>
        DEFAULT_CATEGORIES.map((category) => ({
          ...category,
          keywords: [...category.keywords],
          requires: [...category.requires],
        })),
      ),
    officeEmail: z.email(),
    /**
     * The office's hours as told to users. Unset: written from `calendar` in
     * each language. Set: free text, one string or one per language.
     */
    openingHours: z
      .union([z.string().min(1), localizedSchema])
      .transform((hours) => (typeof hours === "string" ? { id: hours, en: hours } : hours))
      .optional(),
    /** The office's working time: office hours, service times, next openings. */
    calendar: BusinessCalendarSchema.default(() => DEFAULT_BUSINESS_CALENDAR),
    /**
     * Whether agents answer chats (a Telegram agents group is configured).
     * Without, "petugas" gives the office's contacts instead of promising a person.
     */
    agentDesk: z.boolean().default(true),
    /** Working minutes within which an agent should answer a hand-off: the helpdesk stage's. */
    handoffAnswerMinutes: z.number().positive().max(10_000).default(15),
    /** While waiting for an agent, a message after this long a silence is acknowledged again. */
    handoffReceiptQuietMs: z
      .number()
      .int()
      .positive()
      .default(30 * MINUTE_MS),
    /** Working days within which the office answers a service complaint. */
    complaintResponseDays: z.number().int().min(1).max(60).default(5),
    draftReminderAfterMs: z
      .number()
      .int()
      .positive()
      .default(30 * MINUTE_MS),
    draftExpiryAfterMs: z
      .number()
      .int()
      .positive()
      .default(24 * 60 * MINUTE_MS),
    maxFailedTries: z.number().int().min(1).default(3),
    maxScreenshots: z.number().int().min(1).max(10).default(5),
    maxUploadBytes: z
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024),
    descriptionMinChars: z.number().int().min(1).default(20),
    /** Told to users asking "data saya": how long documents and personal fields are kept. */
    retentionAttachmentDays: z.number().int().min(1).default(90),
    retentionPersonalDays: z.number().int().min(1).default(365),
  })
  .superRefine((settings, ctx) => {
    const ids = settings.categories.map((category) => category.id);
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({
        code: "custom",
        path: ["categories"],
        message: "category ids must be unique",
      });
    }
    if (settings.draftReminderAfterMs >= settings.draftExpiryAfterMs) {
      ctx.addIssue({
        code: "custom",
        path: ["draftReminderAfterMs"],
        message: "the reminder must come before the draft expires",
      });
    }
  })
  .transform((settings) => ({
    ...settings,
    openingHours: settings.openingHours ?? officeHoursText(settings.calendar),
  }));

export type ConversationSettingsInput = z.input<typeof conversationSettingsSchema>;
export type ConversationSettings = z.output<typeof conversationSettingsSchema>;
export type CategorySetting = ConversationSettings["categories"][number];

export function findCategory(
  settings: ConversationSettings,
  id: string | null,
): CategorySetting | null {
  if (id === null) return null;
  return settings.categories.find((category) => category.id === id) ?? null;
}
