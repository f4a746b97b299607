// What an agent's message in the agents group means. Pure: the desk decides
// what to do with the result.

/** A message in a topic: an internal note, a command, or a reply for the user. */
export type DeskInput =
  | { type: "note"; text: string }
  | { type: "command"; name: string; args: string }
  | { type: "reply"; text: string };

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/u;

export function parseDeskInput(raw: string): DeskInput {
  const text = raw.trim();
  if (text.startsWith("//")) return { type: "note", text: text.slice(2).trim() };
  const match = COMMAND.exec(text);
  if (match) {
    const name = (match[1] ?? "").toLowerCase();
    const args = (match[2] ?? "").trim();
    if (name === "catatan" || name === "note") return { type: "note", text: args };
    return { type: "command", name, args };
  }
  return { type: "reply", text };
}

/** Splits "first rest of the line" into its first word and the rest. */
export function firstWord(args: string): { word: string; rest: string } {
  const match = /^(\S+)(?:\s+([\s\S]*))?$/u.exec(args.trim());
  return { word: match?.[1] ?? "", rest: (match?.[2] ?? "").trim() };
}

/** Ticket numbers as users and agents type them: LDK-2026-00042, ldk 2026 42. */
export function parseTicketNumber(text: string): string | null {
  const match = /\bLDK[-\s]?(\d{4})[-\s]?(\d{1,5})\b/iu.exec(text);
  if (!match) return null;
  return `LDK-${match[1]}-${(match[2] ?? "").padStart(5, "0")}`;
}

/** Inline-button payloads: "d:<action>:<id>[:<extra>]", at most 64 bytes. */
export type DeskButton =
  | { action: "claim" | "process" | "request" | "resolve" | "reject" | "ktp" | "tpl"; id: string }
  | { action: "ts"; id: string; template: string }
  | { action: "delok" | "delno"; id: string }
  /** Issue or drop a previewed disruption letter (id: the preview's key). */
  | { action: "lok" | "lno"; id: string };

export function buttonData(button: DeskButton): string {
  const data =
    button.action === "ts"
      ? `d:${button.action}:${button.id}:${button.template}`
      : `d:${button.action}:${button.id}`;
  if (Buffer.byteLength(data) > 64) throw new Error(`button data too long: ${data}`);
  return data;
}

const ACTIONS = new Set(["claim", "process", "request", "resolve", "reject", "ktp", "tpl"]);

export function parseButtonData(data: string): DeskButton | null {
  const parts = data.split(":");
  if (parts[0] !== "d" || parts.length < 3) return null;
  const [, action, id, extra] = parts;
  if (!action || !id || !/^[0-9a-f-]{36}$/u.test(id)) return null;
  if (action === "ts") {
    return extra && /^[A-Za-z0-9-]{1,20}$/u.test(extra) ? { action, id, template: extra } : null;
  }
  if (action === "delok" || action === "delno") return { action, id };
  if (action === "lok" || action === "lno") return { action, id };
  if (ACTIONS.has(action)) return { action: action as "claim", id };
  return null;
}
