// Effect type -> handler: a new effect is one entry here and one small file.
import type { Effect } from "../../domain/conversation/index.ts";
import { articleActivity } from "./article.effect.ts";
import { fileComplaint } from "./complaint.effect.ts";
import type {
  EffectContext,
  EffectHandler,
  EffectHandlers,
  EffectResult,
} from "./effect-handler.ts";
import { handOff, leaveHandoff } from "./handoff.effect.ts";
import { setLanguage } from "./language.effect.ts";
import { discardMedia } from "./media.effect.ts";
import { requestDeletion, showMyData } from "./privacy.effect.ts";
import { relayToDesk } from "./relay.effect.ts";
import { reply } from "./reply.effect.ts";
import { lookupStatus } from "./status.effect.ts";
import { saveSurvey, skipSurvey } from "./survey.effect.ts";
import { createTicket } from "./ticket.effect.ts";

const EFFECT_HANDLERS: EffectHandlers = {
  reply,
  createTicket,
  lookupStatus,
  fileComplaint,
  handOff,
  leaveHandoff,
  setLanguage,
  discardMedia,
  showMyData,
  requestDeletion,
  relayToDesk,
  saveSurvey,
  skipSurvey,
  articleActivity,
};

/** Runs one effect inside the message's transaction. */
export function runEffect(effect: Effect, ctx: EffectContext): Promise<EffectResult> {
  // The table is keyed by effect type, so the entry found takes this very effect.
  const handler = EFFECT_HANDLERS[effect.type] as EffectHandler<Effect["type"]>;
  return handler(effect, ctx);
}
