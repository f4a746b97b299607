import {
  draftFileWithdrawn,
  EDIT_NOT_READ,
  FILE_WITHDRAWN,
  type Localized,
  WITHDRAWN_FILE_NAMES,
} from "../../content/index.ts";
import type { MediaWithdrawnEvent } from "./conversation-event.schema.ts";
import type { ConversationState, Draft } from "./conversation-state.schema.ts";
import { type Ctx, type Decision, decision, textReply } from "./decision.ts";
import { advance } from "./intake.flow.ts";

/**
 * A user changing what they already sent (WhatsApp's edit and "delete for
 * everyone"). An edit the app could take back never gets here: it is decided
 * as the new answer on the state before the original. These are the rest.
 */

/** An edit we cannot apply: the state stays, the user hears to send it again. */
export function onEditNotRead(state: ConversationState): Decision {
  return decision(state, textReply(state.language, EDIT_NOT_READ));
}

/** Drops the withdrawn files from the draft; says which ones went. */
function withoutFiles(
  draft: Draft,
  ids: ReadonlySet<string>,
): { draft: Draft; names: Localized[] } {
  const names: Localized[] = [];
  let next = draft;
  if (next.ktp !== null && ids.has(next.ktp.mediaId)) {
    next = { ...next, ktp: null };
    names.push(WITHDRAWN_FILE_NAMES.ktp);
  }
  if (next.suratKuasa !== null && ids.has(next.suratKuasa.mediaId)) {
    next = { ...next, suratKuasa: null };
    names.push(WITHDRAWN_FILE_NAMES.suratKuasa);
  }
  const screenshots = next.screenshots.filter((s) => !ids.has(s.mediaId));
  if (screenshots.length !== next.screenshots.length) {
    // Fewer screenshots than asked for: the step is open again.
    next = {
      ...next,
      screenshots,
      screenshotsDone: next.screenshotsDone && screenshots.length > 0,
    };
    names.push(WITHDRAWN_FILE_NAMES.screenshots);
  }
  return { draft: next, names };
}

/**
 * The files are already marked withdrawn and their bytes deleted by the app.
 * A file of the draft leaves it, and the user is asked for a new one where
 * the checklist needs it; a file already with a ticket (or the agents) is
 * gone from there, and the user may send a replacement.
 */
export function onMediaWithdrawn(
  state: ConversationState,
  event: MediaWithdrawnEvent,
  ctx: Ctx,
): Decision {
  const { draft } = state;
  const dropped = draft === null ? null : withoutFiles(draft, new Set(event.mediaIds));
  if (dropped === null || dropped.names.length === 0) {
    return decision(state, textReply(state.language, FILE_WITHDRAWN));
  }
  const notices = dropped.names.map(draftFileWithdrawn);
  switch (state.mode.type) {
    case "intake":
    case "summary":
    case "editPick":
      // The next open question is the file again, if the checklist needs it.
      return advance(state, dropped.draft, ctx, notices);
    default:
      return decision({ ...state, draft: dropped.draft }, textReply(state.language, ...notices));
  }
}
