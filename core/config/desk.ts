// The agents group on Telegram (bot/agent-desk): where it is, how agents sign,
// canned answers and the group's message budget.
import { z } from "zod";
import { defineArea, integer, optional, setting } from "./setting.ts";

/** A Telegram chat id: digits, negative for groups. */
const chatId = () =>
  optional(z.string().regex(/^-?\d+$/, "id chat berupa angka / a numeric chat id"));

export const deskArea = defineArea("Agents group (desk)", {
  TELEGRAM_AGENT_CHAT_ID: setting(chatId(), {
    example: "-1001234567890",
    description:
      "The agents' supergroup: SLA reminders and breaches, complaints for the service analyst and dead-letter alerts go there.",
  }),
  TELEGRAM_SUPERVISOR_CHAT_ID: setting(chatId(), {
    example: "123456789",
    description: "The supervisor's chat; gets a copy of every SLA breach.",
  }),
  DESK_KTP_VIEW_MINUTES: setting(integer(1, 1440).default(10), {
    example: "10",
    description:
      "A KTP photo opened with `/ktp` (assignee or supervisor only) is deleted from the agents group after this many minutes (a delayed job; survives restarts).",
  }),
  AGENT_SIGNATURE: setting(z.enum(["office", "agent"]).default("office"), {
    example: "office",
    description:
      "Agents' replies are signed \"Petugas Helpdesk LPSE Landak\" (`office`) or with the agent's name (`agent`).",
  }),
  AGENT_TEMPLATES_FILE: setting(optional(z.string()), {
    example: "./config/templates.json",
    description:
      "JSON of canned answers for `/templat`: fills the `desk_templates` table at start when it is empty (the shipped answers without it); afterwards supervisors edit them at `/konsol/templat`.",
    allowed: "path of a JSON file",
  }),
  TELEGRAM_GROUP_MESSAGES_PER_MINUTE: setting(integer(1, 20).default(18), {
    example: "18",
    description:
      "Messages (1-20) the bot sends into the agents group in any sliding minute, topic creation and renames included; more wait, never dropped. A sixth is kept for live conversation (relays, replies), which goes before new tickets' posting.",
  }),
});
