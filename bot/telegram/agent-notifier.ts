// Alerts for the staff go to the agents group (its General topic), and a copy
// of a breach to the supervisor's chat when one is configured.
import type { Api } from "grammy";
import type { AgentNotifier } from "../../core/ports/agent-notifier.port.ts";
import { escapeHtml } from "./telegram.render.ts";

export function createTelegramAgentNotifier(deps: {
  api: Api;
  agentChatId: string;
  supervisorChatId?: string;
}): AgentNotifier {
  const send = (chatId: string, text: string) =>
    deps.api.sendMessage(chatId, escapeHtml(text), {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
  return {
    async notify({ text, supervisor }) {
      const posted = await send(deps.agentChatId, text);
      if (supervisor && deps.supervisorChatId && deps.supervisorChatId !== deps.agentChatId) {
        await send(deps.supervisorChatId, text);
      }
      return { chatId: deps.agentChatId, messageId: posted.message_id };
    },
  };
}
