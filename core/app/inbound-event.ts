// A channel's message content as the conversation engine's event: user
// text cleaned and bounded before the engine sees it.
import { type InboundContent, MAX_INBOUND_TEXT } from "../contracts/messages.ts";
import type { ConversationEvent } from "../domain/conversation/index.ts";
import { sanitizeUserText } from "../domain/privacy/sanitize.ts";
import { assertNever } from "../domain/shared/assert-never.ts";

export function toEvent(content: InboundContent, at: string): ConversationEvent {
  switch (content.type) {
    case "text":
      return { type: "text", at, text: sanitizeUserText(content.text, MAX_INBOUND_TEXT) };
    case "choice":
      return { type: "choice", at, optionId: content.optionId };
    case "media": {
      const caption = sanitizeUserText(content.caption ?? "", MAX_INBOUND_TEXT);
      return {
        type: "media",
        at,
        kind: content.kind,
        mime: content.mime,
        size: content.size,
        mediaId: content.mediaId,
        ...(content.refusal ? { refusal: content.refusal } : {}),
        ...(caption === "" ? {} : { caption }),
      };
    }
    case "contact":
      return { type: "contact", at, phone: content.phone };
    default:
      return assertNever(content, "inbound content");
  }
}
