// Queue names and job payloads shared by every process. Job data holds ids
// and parameters only: never a NIK, a phone number or a document.
import { z } from "zod";

export const QUEUE = {
  maintenance: "maintenance",
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export const maintenanceJobSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("prune-processed-messages"),
    /** Dedupe rows older than this are dropped: channels redeliver within hours, not days. */
    olderThanHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 365),
  }),
]);

export type MaintenanceJob = z.infer<typeof maintenanceJobSchema>;
