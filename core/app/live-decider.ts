// The conversation engine on the office calendar of the moment: rebuilt when
// the calendar changed (the console's /konsol/kalender), so the office-hours
// greeting and the handoff answer times follow it without a restart. The
// engine itself stays pure: it gets a calendar value.
import {
  type ArticleFinder,
  type ConversationSettings,
  createDecider,
  type Decide,
} from "../domain/conversation/index.ts";
import type { BusinessCalendar } from "../domain/sla/business-calendar.schema.ts";
import type { CalendarSource } from "../domain/sla/calendar-overrides.ts";

export function liveDecider(
  calendar: CalendarSource,
  settingsOn: (calendar: BusinessCalendar) => ConversationSettings,
  ports: { articles?: ArticleFinder } = {},
): Decide {
  let built: { on: BusinessCalendar; decide: Decide } | undefined;
  return (state, event) => {
    const now = calendar.current();
    if (built?.on !== now) built = { on: now, decide: createDecider(settingsOn(now), ports) };
    return built.decide(state, event);
  };
}
