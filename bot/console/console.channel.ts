// A terminal chat as a citizen, for trying the bot without WhatsApp or
// Telegram. It goes through the same inbound pipeline, database, queues and
// workers as the real channels; only the wire is a terminal.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { InboundHandler } from "../../core/app/handle-inbound.ts";
import type { InboundOutcome } from "../../core/app/inbound-turn.ts";
import type { InboundContent } from "../../core/contracts/messages.ts";
import { sniffMime } from "../../core/infra/media/file-type.ts";
import type { OutboundChannel } from "../../core/ports/channel.port.ts";
import { renderForTerminal } from "./console.render.ts";

export const CONSOLE_HELP = [
  "Ketik pesan lalu Enter. Perintah konsol / console commands:",
  "  /kirim <path>   kirim berkas (foto KTP, PDF, tangkapan layar) / send a file",
  "  /keluar         keluar / quit",
].join("\n");

function mediaKind(mime: string | null): "image" | "document" | "other" {
  if (mime?.startsWith("image/")) return "image";
  if (mime === "application/pdf") return "document";
  return "other";
}

export function createConsoleChannel(deps: {
  input: Readable;
  output: Writable;
  externalId: string;
  displayName?: string;
  inbound: InboundHandler;
  now?: () => Date;
  replyWaitMs?: number;
}) {
  const now = deps.now ?? (() => new Date());
  const replyWaitMs = deps.replyWaitMs ?? 10_000;
  const sender = {
    externalId: deps.externalId,
    displayName: deps.displayName ?? "Pengguna konsol",
  };
  const write = (text: string) => deps.output.write(`${text}\n`);
  // Replies travel through the outbound queue; the terminal waits for the
  // ones a line caused before it reads the next, like a person reading.
  // Notifications that arrive on their own (routing, status) just print.
  const shownIds = new Set<string>();
  let wake: (() => void) | undefined;
  const waitForReplies = async (ids: readonly string[]) => {
    const deadline = Date.now() + replyWaitMs;
    while (!ids.every((id) => shownIds.has(id)) && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 100);
      });
    }
  };

  const channel: OutboundChannel = {
    channel: "CONSOLE",
    async send(recipient, body, messageId) {
      // Several terminals may chat at once on one database; each shows its own.
      if (recipient.externalId !== deps.externalId) return {};
      write(`\nBot: ${renderForTerminal(body)}\n`);
      shownIds.add(messageId);
      wake?.();
      return { providerId: randomUUID() };
    },
  };

  async function contentOfFile(path: string): Promise<InboundContent | string> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch {
      return `Berkas tidak ditemukan / file not found: ${path}`;
    }
    const stored = await deps.inbound.storeMedia({ channel: "CONSOLE", sender, bytes });
    if (stored.ok) {
      return {
        type: "media",
        kind: mediaKind(stored.mime),
        mime: stored.mime,
        size: stored.size,
        mediaId: stored.mediaId,
      };
    }
    // Refused files still reach the engine, which tells the user what it
    // takes: a file too large keeps its type so the answer names the limit.
    if (stored.reason === "ACTIVE_CONTENT") {
      const mime = "application/pdf";
      const refusal = "activeContent";
      return { type: "media", kind: "document", mime, size: stored.size, mediaId: null, refusal };
    }
    const mime = stored.reason === "TOO_LARGE" ? await sniffMime(bytes) : null;
    return { type: "media", kind: mediaKind(mime), mime, size: stored.size, mediaId: null };
  }

  async function send(content: InboundContent): Promise<InboundOutcome> {
    const outcome = await deps.inbound.handle({
      channel: "CONSOLE",
      messageId: randomUUID(),
      sender,
      at: now().toISOString(),
      content,
    });
    if (outcome.type === "handled") await waitForReplies(outcome.replyIds);
    return outcome;
  }

  /** Handles one typed line, waits for its replies; false when the user wants to leave. */
  async function typed(line: string): Promise<boolean> {
    const text = line.trim();
    if (text === "") return true;
    if (text === "/keluar" || text === "/quit") return false;
    if (text === "/help" || text === "/bantuan-konsol") {
      write(CONSOLE_HELP);
      return true;
    }
    const file = /^\/kirim\s+(.+)$/u.exec(text);
    const content = file
      ? await contentOfFile((file[1] ?? "").trim())
      : ({ type: "text", text } as const);
    if (typeof content === "string") {
      write(content);
      return true;
    }
    await send(content);
    return true;
  }

  return {
    channel,
    typed,
    /** Reads lines until the input ends or the user quits. */
    async run(): Promise<void> {
      write(CONSOLE_HELP);
      const lines = createInterface({ input: deps.input, crlfDelay: Number.POSITIVE_INFINITY });
      for await (const line of lines) {
        try {
          if (!(await typed(line))) break;
        } catch (err) {
          write(`Maaf, terjadi kesalahan / sorry, something went wrong: ${(err as Error).message}`);
        }
      }
      lines.close();
    },
  };
}
