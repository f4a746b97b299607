import { recordHandoff, recordHandoffLeft } from "../handoff.ts";
import type { EffectHandler } from "./effect-handler.ts";

export const handOff: EffectHandler<"handOff"> = async (effect, { tx, contact }) => ({
  outboxIds: await recordHandoff(tx, contact, effect),
});

export const leaveHandoff: EffectHandler<"leaveHandoff"> = async (effect, { tx, contact }) => ({
  outboxIds: [await recordHandoffLeft(tx, contact, effect)],
});
