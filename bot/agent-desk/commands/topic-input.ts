// What a command typed in a topic is given: where to answer, and the two
// checks most commands start with (a ticket topic, words after the command).
import { DESK_TEXT } from "../../../core/content/messages/desk.messages.ts";
import type { Agent, DeskTopic } from "../../../core/infra/db.ts";
import { escapeHtml } from "../../telegram/telegram.render.ts";
import type { DeskContext, TopicInput } from "../desk.context.ts";

export function topicInput(
  ctx: Pick<DeskContext, "topics">,
  agent: Agent,
  topic: DeskTopic,
  args: string,
): TopicInput {
  const reply = (html: string) => ctx.topics.say(topic, html);
  const ticketId = topic.ticketId;
  return {
    agent,
    topic,
    args,
    reply,
    async needTicket() {
      if (!ticketId) await reply(escapeHtml(DESK_TEXT.notInTicketTopic));
      return ticketId;
    },
    async needText(usage: string) {
      if (!args) await reply(escapeHtml(DESK_TEXT.needsArgument(usage)));
      return args;
    },
  };
}
