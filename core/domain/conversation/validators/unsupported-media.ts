import {
  type Localized,
  unsupportedInput,
  VIEW_ONCE_REFUSED,
  voiceNoteRefused,
} from "../../../content/index.ts";
import type { MediaKind } from "../conversation-event.schema.ts";

/**
 * The polite refusal of a file we cannot take, by what it is: a view-once
 * photo must come again as a normal one, a voice note as text (they are
 * common in Indonesia, so they get a line of their own).
 */
export function unsupportedMedia(kind: MediaKind, expectsDocument: boolean): Localized {
  if (kind === "viewOnce") return VIEW_ONCE_REFUSED;
  if (kind === "voice") return voiceNoteRefused(expectsDocument);
  return unsupportedInput(expectsDocument);
}
