// /bantuan (also /help, /start): what the desk's commands are.
import { DESK_TEXT } from "../../../core/content/messages/desk.messages.ts";
import type { GeneralCommand } from "../desk.context.ts";

const help: GeneralCommand = (_ctx, { reply }) => reply(DESK_TEXT.help);

export const helpCommands = { bantuan: help, help, start: help } satisfies Record<
  string,
  GeneralCommand
>;
