// The engine follows the office calendar of the moment: the same decider
// answers "petugas" as in hours, then, once the calendar says closed (a
// holiday added in the console), as out of hours, without being rebuilt by
// its caller. Calendars are built around the real now.
import { describe, expect, it } from "vitest";
import { liveDecider } from "../../../core/app/live-decider.ts";
import {
  type ConversationEvent,
  type ConversationState,
  resolveConversationSettings,
} from "../../../core/domain/conversation/index.ts";
import {
  type BusinessCalendar,
  BusinessCalendarSchema,
} from "../../../core/domain/sla/business-calendar.schema.ts";
import { replyText, stateWith, testSettings } from "../../fixtures/conversation.builders.ts";
import { closedForAWeek, openAroundNow } from "../../support/office-calendar.ts";

describe("liveDecider", () => {
  it("tells the office hours of the calendar current at each event", () => {
    const open = BusinessCalendarSchema.parse(openAroundNow(new Date()));
    const closed = BusinessCalendarSchema.parse(closedForAWeek(new Date()).calendar);
    let calendar: BusinessCalendar = open;
    const decide = liveDecider({ current: () => calendar }, (now) =>
      resolveConversationSettings(
        testSettings({ calendar: now, agentDesk: true, handoffReceiptQuietMs: 1_800_000 }),
      ),
    );
    const askForAPerson = () => {
      let state: ConversationState = stateWith({ channel: "TELEGRAM", lastUserEventAt: null });
      let reply = "";
      for (const text of ["halo", "petugas"]) {
        const at = new Date().toISOString();
        const result = decide(state, { type: "text", text, at } as ConversationEvent);
        state = result.state;
        reply = replyText(result.effects);
      }
      return reply;
    };
    const inHours = askForAPerson();
    expect(inHours).toMatch(/petugas/iu);
    expect(inHours).not.toContain("di luar jam layanan");
    calendar = closed;
    expect(askForAPerson()).toContain("di luar jam layanan");
  });
});
