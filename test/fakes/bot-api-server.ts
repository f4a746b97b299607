// A local Telegram Bot API for tests: the same HTTP interface as
// api.telegram.org (POST /bot<token>/<method>, GET /file/bot<token>/<path>),
// so grammY talks to it through `client: { apiRoot }`. It implements what the
// Telegram channel uses, records every call, queues injected updates for
// long polling, serves files, and can answer with 429 retry_after. After
// setWebhook it POSTs injected updates to the webhook instead, with the
// secret in X-Telegram-Bot-Api-Secret-Token, and refuses getUpdates (409).
// Each chat keeps its live messages (the bot's and members'), so a test can
// search what is still readable there; deleteMessage(s) and deleteForumTopic
// remove them as Telegram does, with its errors for unknown ids. Supergroup
// members are tracked for banChatMember / unbanChatMember.
import { randomInt, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";

export type Params = Record<string, unknown>;

export interface RecordedCall {
  method: string;
  params: Params;
  at: number;
}

export interface SentMessage {
  messageId: number;
  chatId: string;
  /** The forum topic it went to (agents group), if any. */
  threadId: number | undefined;
  text: string;
  parseMode: string | undefined;
  replyMarkup: unknown;
  /** The bot_command entities Telegram would find in the visible text. */
  entities: { type: "bot_command"; offset: number; length: number }[];
}

/** A message still readable in a chat: sent by the bot or written by a member. */
export interface LiveMessage {
  messageId: number;
  threadId: number | undefined;
  /** What a reader sees: the text, or a file's name and caption. */
  visible: string;
  fromBot: boolean;
}

/** A document the bot sent with sendDocument (multipart upload). */
export interface SentDocument {
  messageId: number;
  chatId: string;
  threadId: number | undefined;
  fileName: string;
  caption: string | undefined;
  bytes: Buffer;
}

/** A file part of a multipart/form-data request. */
interface UploadedFile {
  fileName: string;
  bytes: Buffer;
}

interface StoredFile {
  fileId: string;
  uniqueId: string;
  path: string;
  bytes: Buffer;
  claimedSize?: number;
}

interface Waiter {
  resolve: () => void;
}

export interface FakeUser {
  id: number;
  firstName?: string;
  lastName?: string;
}

export const FAKE_BOT_ID = 7_000_000_001;

/** A forum topic of a supergroup, as createForumTopic made it. */
export interface FakeTopic {
  chatId: string;
  threadId: number;
  name: string;
  /** Deleted by a member (deleteTopic): sends into it fail with "message thread not found". */
  deleted: boolean;
  /** Every name it had, oldest first (editForumTopic renames). */
  names: string[];
}

export interface WebhookDelivery {
  updateId: number;
  /** The webhook's HTTP status; 0 when it could not be reached. */
  status: number;
}

/** An editMessageText / editMessageReplyMarkup the bot made. */
export interface MessageEdit {
  chatId: string;
  messageId: number;
  text: string | undefined;
  replyMarkup: unknown;
}

/**
 * Telegram's limit on messages into one group: about 20 in any minute, then
 * 429 "Too Many Requests: retry after N" with parameters.retry_after.
 */
export interface GroupLimit {
  perWindow: number;
  /** One minute on Telegram; tests may shrink it. */
  windowMs: number;
}

/** Calls Telegram counts against a group's limit: messages, and topic changes (service messages). */
const GROUP_COUNTED =
  /^(send[A-Z]\w*|copyMessage|forwardMessage|createForumTopic|editForumTopic)$/u;

export interface FakeBotApi {
  readonly token: string;
  /** Pass to grammY as `client.apiRoot`. */
  readonly apiRoot: string;
  readonly calls: RecordedCall[];
  readonly sent: SentMessage[];
  /** Documents sent with sendDocument, in order. */
  readonly documents: SentDocument[];
  readonly answeredCallbacks: string[];
  /** The toast each answered callback showed its presser (undefined: none). */
  readonly callbackToasts: Map<string, string | undefined>;
  /** Edits of sent messages, in order (the message in `sent` shows its latest state). */
  readonly edits: MessageEdit[];
  /** The webhook set by setWebhook (undefined: none, updates wait for getUpdates). */
  readonly webhook: { url: string; secret: string | undefined } | undefined;
  /** Each POST of an update to the webhook, in order. */
  readonly webhookDeliveries: WebhookDelivery[];
  /** Every update injected so far, so a test can have one delivered again. */
  readonly injected: Update[];
  /** What getWebhookInfo reports as pending_update_count. */
  setPendingUpdateCount(count: number): void;
  /** Queues an update as is (the next update_id if it has none); returns its update_id. */
  inject(update: Omit<Update, "update_id"> & { update_id?: number }): number;
  text(user: FakeUser, text: string): number;
  callback(user: FakeUser, data: string, messageId?: number): number;
  /** Registers the bytes as a photo in three sizes (largest last, as Telegram does). */
  photo(user: FakeUser, bytes: Buffer, caption?: string): number;
  /**
   * `claimedSize`: the size the update and getFile report instead of the
   * real one, and the file is then served without a Content-Length.
   */
  document(
    user: FakeUser,
    bytes: Buffer,
    mime: string,
    fileName: string,
    opts?: { claimedSize?: number },
  ): number;
  contact(user: FakeUser, phone: string): number;
  sticker(user: FakeUser): number;
  voice(user: FakeUser): number;
  location(user: FakeUser): number;
  /** Answers the next `count` calls of `method` with 429 and `retry_after`. */
  rateLimit(method: string, count: number, retryAfter: number): void;
  /**
   * Answers the next `count` calls of `method` (those `when` accepts) with an
   * error, e.g. 403 (bot blocked); errorCode 0 drops the connection instead.
   */
  fail(
    method: string,
    count: number,
    errorCode: number,
    description: string,
    when?: (params: Params) => boolean,
  ): void;
  /** Calls refused with 429 by the group limit (startFakeBotApi's `groupLimit`). */
  readonly tooManyRequests: RecordedCall[];
  /** Forum topics created in supergroups, by creation order. */
  readonly topics: FakeTopic[];
  /** A member deletes a topic; later sends into it fail as on Telegram. */
  deleteTopic(chatId: string, threadId: number): void;
  /** A member writes in a supergroup, in a forum topic when threadId is set. */
  groupText(user: FakeUser, chatId: string, threadId: number | undefined, text: string): number;
  /** A member posts a document (with an optional caption) in a supergroup topic. */
  groupDocument(
    user: FakeUser,
    chatId: string,
    threadId: number,
    file: { bytes: Buffer; mime: string; fileName: string; caption?: string },
  ): number;
  /** A member presses an inline button under a group message. */
  groupCallback(
    user: FakeUser,
    chatId: string,
    threadId: number | undefined,
    data: string,
    messageId?: number,
  ): number;
  /**
   * A member presses the inline button labelled `label` under a message the
   * bot sent: the callback carries that message, as Telegram's does.
   */
  press(user: FakeUser, message: SentMessage, label: string): number;
  /** A member answers a message of the bot with Telegram's reply (swipe or ForceReply). */
  groupReply(user: FakeUser, to: SentMessage, text: string): number;
  /** The messages still readable in a chat (deleted ones gone), oldest first. */
  liveMessages(chatId: string): LiveMessage[];
  /** Members of a supergroup (those who wrote there, or added). */
  members(chatId: string): Set<number>;
  /** Users banned from a supergroup. */
  banned(chatId: string): Set<number>;
  addMember(chatId: string, userId: number): void;
  /** Calls of one method. */
  callsOf(method: string): RecordedCall[];
  /** Waits until `check` returns a value (not undefined/false), polling the records. */
  waitFor<T>(check: () => T | undefined | false, timeoutMs?: number, what?: string): Promise<T>;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(json),
  });
  res.end(json);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The parts of a multipart/form-data body. grammY writes compact part headers
 * (`content-disposition:form-data;name="x";filename=y`, no spaces, filename
 * unquoted) that Node 20's `Response.formData()` refuses, so this reads them
 * leniently, as the Bot API server does.
 */
function parseMultipart(body: Buffer, boundary: string): Map<string, string | UploadedFile> {
  const parts = new Map<string, string | UploadedFile>();
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const from = start + delimiter.length;
    if (body.subarray(from, from + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, from);
    if (next === -1) break;
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF before the next delimiter.
    const part = body.subarray(from + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    const headers = part.subarray(0, split).toString("utf8");
    const content = part.subarray(split + 4);
    const name = /name="?([^";\r\n]+)"?/iu.exec(headers.replace(/filename=[^;\r\n]*/iu, ""))?.[1];
    const fileName = /filename="?([^";\r\n]+)"?/iu.exec(headers)?.[1];
    if (name) {
      parts.set(
        name,
        fileName ? { fileName, bytes: Buffer.from(content) } : content.toString("utf8"),
      );
    }
    start = next;
  }
  return parts;
}

/**
 * Bot API methods take JSON, form or query parameters; values in forms are
 * JSON-ish. Uploaded files replace their `attach://<part>` reference.
 */
function parseParams(req: IncomingMessage, url: URL, body: Buffer): Params {
  const params: Params = {};
  for (const [k, v] of url.searchParams) params[k] = v;
  const type = req.headers["content-type"] ?? "";
  if (type.includes("application/json") && body.length > 0) {
    Object.assign(params, JSON.parse(body.toString("utf8")) as Params);
  } else if (type.includes("application/x-www-form-urlencoded")) {
    for (const [k, v] of new URLSearchParams(body.toString("utf8"))) params[k] = v;
  } else if (type.includes("multipart/form-data")) {
    const boundary = /boundary="?([^";]+)"?/u.exec(type)?.[1] ?? "";
    const parts = parseMultipart(body, boundary);
    for (const [k, v] of parts) {
      if (typeof v !== "string") continue;
      const attached = /^attach:\/\/(.+)$/u.exec(v)?.[1];
      params[k] = attached !== undefined ? (parts.get(attached) ?? v) : v;
    }
  }
  return params;
}

const isUpload = (value: unknown): value is UploadedFile =>
  typeof value === "object" && value !== null && "bytes" in value && "fileName" in value;

/** The tags Telegram's HTML parse mode accepts (core.telegram.org/bots/api#html-style). */
const TELEGRAM_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "a",
  "code",
  "pre",
  "tg-spoiler",
  "tg-emoji",
  "span",
  "blockquote",
]);

/**
 * Telegram refuses an HTML-mode text it cannot parse: an unknown or unclosed
 * tag, a stray "<" or "&". Null when the text parses.
 */
export function htmlParseError(html: string): string | null {
  const open: string[] = [];
  const token = /<(\/?)([a-z-]+)(?:\s[^<>]*)?>|<|&(#\d+|#x[0-9a-f]+|lt|gt|amp|quot);|&/giu;
  for (const match of html.matchAll(token)) {
    const [whole, closing, name] = match;
    if (whole === "<") return `Unsupported start tag at byte offset ${match.index}`;
    if (whole === "&") return `Unsupported entity at byte offset ${match.index}`;
    if (name === undefined) continue;
    const tag = name.toLowerCase();
    if (!TELEGRAM_TAGS.has(tag))
      return `Unsupported start tag "${tag}" at byte offset ${match.index}`;
    if (closing === "") open.push(tag);
    else if (open.pop() !== tag) return `Unmatched end tag "${tag}" at byte offset ${match.index}`;
  }
  return open.length === 0
    ? null
    : `Can't find end tag corresponding to start tag "${open.at(-1)}"`;
}

/** What a user sees of an HTML-mode text: tags dropped, entities decoded. */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<[^>]*>/gu, "")
    .replace(/&lt;/gu, "<")
    .replace(/&gt;/gu, ">")
    .replace(/&quot;/gu, '"')
    .replace(/&#(\d+);/gu, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/gu, "&");
}

/**
 * Where Telegram sees a bot command: "/" then a letter, digit or "_", at the
 * start or after a character that is not a letter, digit, "_", "/", "<" or ">".
 */
export function botCommandEntities(text: string): SentMessage["entities"] {
  const found: SentMessage["entities"] = [];
  for (const match of text.matchAll(
    /(^|[^\p{L}\p{N}_/<>])(\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?)/gu,
  )) {
    const command = match[2] ?? "";
    found.push({
      type: "bot_command",
      offset: (match.index ?? 0) + (match[1] ?? "").length,
      length: command.length,
    });
  }
  return found;
}

const numberParam = (value: unknown, fallback: number) => {
  const n = typeof value === "string" ? Number(value) : typeof value === "number" ? value : NaN;
  return Number.isFinite(n) ? n : fallback;
};

const parseMarkup = (value: unknown): unknown =>
  typeof value === "string" ? JSON.parse(value) : value;

/** What Telegram refuses in a reply_markup (button data over 64 bytes, a bad ForceReply). */
function markupError(markup: unknown): string | null {
  if (typeof markup !== "object" || markup === null) return null;
  const m = markup as {
    inline_keyboard?: { text?: string; callback_data?: string }[][];
    force_reply?: unknown;
    input_field_placeholder?: unknown;
  };
  for (const button of m.inline_keyboard?.flat() ?? []) {
    if (!button.text) return "inline keyboard button text is empty";
    const data = button.callback_data;
    if (data !== undefined && (data.length === 0 || Buffer.byteLength(data) > 64)) {
      return "BUTTON_DATA_INVALID";
    }
  }
  if ("force_reply" in m && m.force_reply !== true) {
    return "can't parse reply keyboard markup JSON object";
  }
  const placeholder = m.input_field_placeholder;
  if (placeholder !== undefined && (typeof placeholder !== "string" || placeholder.length > 64)) {
    return "can't parse reply keyboard markup JSON object";
  }
  return null;
}

export async function startFakeBotApi(
  opts: {
    token?: string;
    /** Enforce Telegram's group limit (off unless given; `{}` is Telegram's 20 a minute). */
    groupLimit?: Partial<GroupLimit>;
  } = {},
): Promise<FakeBotApi> {
  const token = opts.token ?? `${FAKE_BOT_ID}:fake-${randomUUID()}`;
  const calls: RecordedCall[] = [];
  const sent: SentMessage[] = [];
  const documents: SentDocument[] = [];
  const answeredCallbacks: string[] = [];
  const callbackToasts = new Map<string, string | undefined>();
  const edits: MessageEdit[] = [];
  /** Callback queries sent to the bot and not answered yet (Telegram answers each once). */
  const openCallbacks = new Set<string>();
  const webhookDeliveries: WebhookDelivery[] = [];
  let webhook: { url: string; secret: string | undefined } | undefined;
  let pendingUpdateCount = 0;
  const files = new Map<string, StoredFile>();
  const failures = new Map<
    string,
    {
      count: number;
      errorCode: number;
      description: string;
      retryAfter?: number;
      when?: (params: Params) => boolean;
    }
  >();
  let queue: Update[] = [];
  let waiters: Waiter[] = [];
  // Random per instance: test files share one database, and the dedupe key is
  // bot id + update_id, so two fakes must not hand out the same ids.
  let nextUpdateId = randomInt(1_000_000, 2_000_000_000);
  const injected: Update[] = [];
  let nextMessageId = 1;
  // Random per instance too: test files share one database, and a desk topic
  // row found by its thread id alone must not be another file's.
  let nextThreadId = randomInt(1000, 1_000_000_000);
  const topics: FakeTopic[] = [];
  const live = new Map<string, Map<number, LiveMessage>>();
  const memberSets = new Map<string, Set<number>>();
  const bannedSets = new Map<string, Set<number>>();
  let closed = false;
  const groupLimit: GroupLimit | undefined = opts.groupLimit && {
    perWindow: opts.groupLimit.perWindow ?? 20,
    windowMs: opts.groupLimit.windowMs ?? 60_000,
  };
  /** Per group: when each message it accepted arrived, oldest first. */
  const groupSends = new Map<string, number[]>();
  const tooManyRequests: RecordedCall[] = [];

  /**
   * Takes a place in the group's window for a message arriving at `at`:
   * null when the call does not count, else the wait (0: taken; above 0: the
   * window is full for that many ms) and a function giving the place back
   * (the call failed, so no message was posted).
   */
  function takeGroupPlace(name: string, params: Params, at: number) {
    const chat = String(params.chat_id ?? "");
    if (!groupLimit || !chat.startsWith("-") || !GROUP_COUNTED.test(name)) return null;
    const times = (groupSends.get(chat) ?? []).filter((t) => t > at - groupLimit.windowMs);
    groupSends.set(chat, times);
    if (times.length >= groupLimit.perWindow) {
      const oldest = times[times.length - groupLimit.perWindow] ?? at;
      return { wait: oldest + groupLimit.windowMs - at, giveBack: () => undefined };
    }
    times.push(at);
    return {
      wait: 0,
      giveBack: () => {
        const current = groupSends.get(chat) ?? [];
        const i = current.indexOf(at);
        if (i >= 0) current.splice(i, 1);
      },
    };
  }

  const liveIn = (chatId: string) => {
    const chat = live.get(chatId) ?? new Map<number, LiveMessage>();
    live.set(chatId, chat);
    return chat;
  };
  const setOf = (sets: Map<string, Set<number>>, chatId: string) => {
    const set = sets.get(chatId) ?? new Set<number>();
    sets.set(chatId, set);
    return set;
  };
  const keep = (chatId: string, message: LiveMessage) =>
    liveIn(chatId).set(message.messageId, message);
  const threadParam = (params: Params) =>
    params.message_thread_id === undefined ? undefined : Number(params.message_thread_id);
  const idList = (value: unknown): number[] | null => {
    const raw = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
    return Array.isArray(raw) ? raw.map(Number) : null;
  };
  const userParam = (params: Params) => Number(params.user_id);

  const wakePollers = () => {
    const current = waiters;
    waiters = [];
    for (const w of current) w.resolve();
  };

  const bot = {
    id: FAKE_BOT_ID,
    is_bot: true,
    first_name: "Helpdesk LPSE Landak",
    username: "LpseLandakTestBot",
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  };

  async function getUpdates(params: Params, req: IncomingMessage): Promise<Update[]> {
    const offset = numberParam(params.offset, 0);
    const limit = Math.min(100, Math.max(1, numberParam(params.limit, 100)));
    const timeoutS = Math.max(0, numberParam(params.timeout, 0));
    // As on Telegram: an offset confirms (forgets) every update below it.
    if (offset > 0) queue = queue.filter((u) => u.update_id >= offset);
    if (queue.length === 0 && timeoutS > 0 && !closed) {
      await new Promise<void>((resolve) => {
        const waiter: Waiter = {
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          resolve();
        }, timeoutS * 1000);
        waiters.push(waiter);
        // grammY aborts the poll on stop: do not keep its socket waiting.
        req.once("close", () => waiter.resolve());
      });
    }
    return queue.slice(0, limit);
  }

  /** The live topic a call names by chat_id and message_thread_id. */
  function topicOf(params: Params): FakeTopic | undefined {
    const threadId = Number(params.message_thread_id);
    return topics.find(
      (t) => t.chatId === String(params.chat_id) && t.threadId === threadId && !t.deleted,
    );
  }

  function fileFor(fileId: string): StoredFile | undefined {
    return files.get(fileId);
  }

  /** As Telegram: only a message of the bot, and only when something changes. */
  function editMessage(name: string, params: Params) {
    const target = sent.find(
      (m) => m.chatId === String(params.chat_id) && m.messageId === Number(params.message_id),
    );
    if (!target) return { error: 400, description: "Bad Request: message to edit not found" };
    const markup = parseMarkup(params.reply_markup);
    // Either edit without reply_markup drops the inline keyboard, as on Telegram.
    const nextMarkup = markup;
    const nextText =
      name === "editMessageText" && typeof params.text === "string" ? params.text : target.text;
    if (name === "editMessageText" && nextText.length === 0) {
      return { error: 400, description: "Bad Request: message text is empty" };
    }
    const keyboard = (value: unknown) =>
      JSON.stringify((value as { inline_keyboard?: unknown } | undefined)?.inline_keyboard ?? null);
    if (nextText === target.text && keyboard(nextMarkup) === keyboard(target.replyMarkup)) {
      return {
        error: 400,
        description:
          "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      };
    }
    if ((target.replyMarkup as { force_reply?: unknown } | undefined)?.force_reply) {
      return { error: 400, description: "Bad Request: message can't be edited" };
    }
    target.text = nextText;
    target.replyMarkup = nextMarkup;
    edits.push({
      chatId: target.chatId,
      messageId: target.messageId,
      text: nextText,
      replyMarkup: nextMarkup,
    });
    return {
      message_id: target.messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: Number(target.chatId), type: "supergroup" },
      from: bot,
      text: nextText,
    };
  }

  function method(name: string, params: Params, req: IncomingMessage) {
    switch (name) {
      case "getMe":
        return bot;
      case "getUpdates":
        if (webhook) {
          return {
            error: 409,
            description: "Conflict: can't use getUpdates method while webhook is active",
          };
        }
        return getUpdates(params, req);
      case "setWebhook": {
        const url = typeof params.url === "string" ? params.url : "";
        if (url === "") {
          webhook = undefined;
          return true;
        }
        if (!/^https?:\/\//u.test(url)) {
          return { error: 400, description: "Bad Request: bad webhook: invalid URL" };
        }
        const secret = typeof params.secret_token === "string" ? params.secret_token : undefined;
        webhook = { url, secret };
        // Updates queued for polling now go to the webhook.
        const queued = queue;
        queue = [];
        for (const update of queued) void deliver(update);
        return true;
      }
      case "getWebhookInfo":
        return {
          url: webhook?.url ?? "",
          has_custom_certificate: false,
          pending_update_count: pendingUpdateCount,
        };
      case "deleteWebhook":
        webhook = undefined;
        return true;
      case "setMyCommands":
      case "setMyDescription":
      case "setMyShortDescription":
        return true;
      case "answerCallbackQuery": {
        const id = String(params.callback_query_id);
        if (!openCallbacks.delete(id)) {
          return {
            error: 400,
            description:
              "Bad Request: query is too old and response timeout expired or query ID is invalid",
          };
        }
        answeredCallbacks.push(id);
        callbackToasts.set(id, typeof params.text === "string" ? params.text : undefined);
        return true;
      }
      case "createForumTopic": {
        const name = typeof params.name === "string" ? params.name : "";
        if (name.length < 1 || name.length > 128) {
          return { error: 400, description: "Bad Request: TOPIC_NAME_INVALID" };
        }
        const topic: FakeTopic = {
          chatId: String(params.chat_id),
          threadId: nextThreadId++,
          name,
          deleted: false,
          names: [name],
        };
        topics.push(topic);
        return { message_thread_id: topic.threadId, name, icon_color: 7322096 };
      }
      case "editForumTopic": {
        const topic = topicOf(params);
        if (!topic) return { error: 400, description: "Bad Request: message thread not found" };
        if (typeof params.name === "string") {
          topic.name = params.name;
          topic.names.push(params.name);
        }
        return true;
      }
      case "editMessageText":
      case "editMessageReplyMarkup":
        return editMessage(name, params);
      case "deleteMessage": {
        const chat = liveIn(String(params.chat_id));
        const id = Number(params.message_id);
        if (!chat.delete(id)) {
          return { error: 400, description: "Bad Request: message to delete not found" };
        }
        return true;
      }
      case "deleteMessages": {
        const ids = idList(params.message_ids);
        if (!ids || ids.length === 0) {
          return { error: 400, description: "Bad Request: message_ids is empty" };
        }
        if (ids.length > 100) {
          return { error: 400, description: "Bad Request: too many messages to delete" };
        }
        const chat = liveIn(String(params.chat_id));
        // As on Telegram: ids that are gone are skipped; none at all is an error.
        const deleted = ids.filter((id) => chat.delete(id)).length;
        if (deleted === 0) {
          return { error: 400, description: "Bad Request: message to delete not found" };
        }
        return true;
      }
      case "deleteForumTopic": {
        const topic = topicOf(params);
        if (!topic) return { error: 400, description: "Bad Request: TOPIC_ID_INVALID" };
        topic.deleted = true;
        // Deleting a topic deletes every message in it.
        const chat = liveIn(topic.chatId);
        for (const [id, m] of chat) if (m.threadId === topic.threadId) chat.delete(id);
        return true;
      }
      case "banChatMember": {
        const chatId = String(params.chat_id);
        const userId = userParam(params);
        if (!Number.isSafeInteger(userId) || userId <= 0) {
          return { error: 400, description: "Bad Request: PARTICIPANT_ID_INVALID" };
        }
        if (userId === FAKE_BOT_ID) {
          return { error: 400, description: "Bad Request: can't remove chat owner" };
        }
        setOf(memberSets, chatId).delete(userId);
        setOf(bannedSets, chatId).add(userId);
        return true;
      }
      case "unbanChatMember": {
        const chatId = String(params.chat_id);
        const userId = userParam(params);
        const onlyIfBanned = params.only_if_banned === true || params.only_if_banned === "true";
        const banned = setOf(bannedSets, chatId);
        if (banned.delete(userId)) return true;
        // Telegram removes a member that is not banned unless only_if_banned is set.
        if (!onlyIfBanned) setOf(memberSets, chatId).delete(userId);
        return true;
      }
      case "sendMessage": {
        if (params.message_thread_id !== undefined && !topicOf(params)) {
          return { error: 400, description: "Bad Request: message thread not found" };
        }
        const text = typeof params.text === "string" ? params.text : "";
        if (text.length === 0)
          return { error: 400, description: "Bad Request: message text is empty" };
        const unparsed = params.parse_mode === "HTML" ? htmlParseError(text) : null;
        if (unparsed !== null) {
          return { error: 400, description: `Bad Request: can't parse entities: ${unparsed}` };
        }
        // Telegram counts the text after parsing entities, not the markup sent.
        const visible = params.parse_mode === "HTML" ? htmlToPlain(text) : text;
        if (visible.length > 4096) {
          return { error: 400, description: "Bad Request: message is too long" };
        }
        const markup = parseMarkup(params.reply_markup);
        const badMarkup = markupError(markup);
        if (badMarkup !== null) return { error: 400, description: `Bad Request: ${badMarkup}` };
        const message = {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(params.chat_id), type: "private" },
          from: bot,
          text,
          ...(params.message_thread_id === undefined
            ? {}
            : { message_thread_id: Number(params.message_thread_id), is_topic_message: true }),
        };
        sent.push({
          messageId: message.message_id,
          chatId: String(params.chat_id),
          threadId: threadParam(params),
          text,
          parseMode: typeof params.parse_mode === "string" ? params.parse_mode : undefined,
          replyMarkup: markup,
          entities: botCommandEntities(visible),
        });
        keep(String(params.chat_id), {
          messageId: message.message_id,
          threadId: threadParam(params),
          visible,
          fromBot: true,
        });
        return message;
      }
      case "sendDocument": {
        if (params.message_thread_id !== undefined && !topicOf(params)) {
          return { error: 400, description: "Bad Request: message thread not found" };
        }
        const upload = params.document;
        if (!isUpload(upload) || upload.bytes.length === 0) {
          return { error: 400, description: "Bad Request: there is no document in the request" };
        }
        const caption = typeof params.caption === "string" ? params.caption : undefined;
        if (caption !== undefined && caption.length > 1024) {
          return { error: 400, description: "Bad Request: message caption is too long" };
        }
        const ext = upload.fileName.split(".").pop() ?? "bin";
        const file = addFile(upload.bytes, "documents", ext);
        const message = {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(params.chat_id), type: "private" },
          from: bot,
          document: {
            file_id: file.fileId,
            file_unique_id: file.uniqueId,
            file_name: upload.fileName,
            mime_type: ext === "pdf" ? "application/pdf" : "application/octet-stream",
            file_size: upload.bytes.length,
          },
          ...(caption !== undefined ? { caption } : {}),
        };
        documents.push({
          messageId: message.message_id,
          chatId: String(params.chat_id),
          threadId:
            params.message_thread_id === undefined ? undefined : Number(params.message_thread_id),
          fileName: upload.fileName,
          caption,
          bytes: upload.bytes,
        });
        keep(String(params.chat_id), {
          messageId: message.message_id,
          threadId: threadParam(params),
          visible: [upload.fileName, caption ?? ""].join("\n"),
          fromBot: true,
        });
        return message;
      }
      case "getFile": {
        const file = fileFor(String(params.file_id));
        if (!file) return { error: 400, description: "Bad Request: invalid file_id" };
        return {
          file_id: file.fileId,
          file_unique_id: file.uniqueId,
          file_size: file.claimedSize ?? file.bytes.length,
          file_path: file.path,
        };
      }
      default:
        return { error: 404, description: "Not Found: method not found" };
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const body = await readBody(req);
    const download = /^\/file\/bot([^/]+)\/(.+)$/u.exec(url.pathname);
    if (download) {
      const file = [...files.values()].find((f) => f.path === download[2]);
      if (download[1] !== token || !file) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, {
        "content-type": "application/octet-stream",
        ...(file.claimedSize === undefined ? { "content-length": file.bytes.length } : {}),
      });
      res.end(file.bytes);
      return;
    }
    const call = /^\/bot([^/]+)\/([A-Za-z]+)$/u.exec(url.pathname);
    if (!call) return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    if (call[1] !== token) {
      return send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    }
    const name = call[2] ?? "";
    const params = parseParams(req, url, body);
    calls.push({ method: name, params, at: Date.now() });
    const failure = failures.get(name);
    if (failure && failure.count > 0 && (failure.when?.(params) ?? true)) {
      failure.count -= 1;
      if (failure.errorCode === 0) {
        req.socket.destroy();
        return;
      }
      return send(res, failure.errorCode, {
        ok: false,
        error_code: failure.errorCode,
        description: failure.description,
        ...(failure.retryAfter === undefined
          ? {}
          : { parameters: { retry_after: failure.retryAfter } }),
      });
    }
    const at = Date.now();
    const place = takeGroupPlace(name, params, at);
    const wait = place?.wait ?? 0;
    if (wait > 0) {
      tooManyRequests.push({ method: name, params, at });
      const retryAfter = Math.max(1, Math.ceil(wait / 1000));
      return send(res, 429, {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${retryAfter}`,
        parameters: { retry_after: retryAfter },
      });
    }
    const result = await method(name, params, req);
    if (typeof result === "object" && result !== null && "error" in result) {
      const { error, description } = result as { error: number; description: string };
      place?.giveBack();
      return send(res, error, { ok: false, error_code: error, description });
    }
    send(res, 200, { ok: true, result });
  }

  /** POSTs one update to the webhook as Telegram does, recording the answer. */
  async function deliver(update: Update): Promise<void> {
    const target = webhook;
    if (!target) return;
    let status = 0;
    try {
      const res = await fetch(target.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(target.secret ? { "x-telegram-bot-api-secret-token": target.secret } : {}),
        },
        body: JSON.stringify(update),
      });
      status = res.status;
      await res.body?.cancel();
    } catch {
      status = 0;
    }
    webhookDeliveries.push({ updateId: update.update_id, status });
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        send(res, 500, { ok: false, error_code: 500, description: String(err) });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const chatOf = (user: FakeUser) => ({
    id: user.id,
    type: "private" as const,
    first_name: user.firstName ?? "Budi",
  });
  const fromOf = (user: FakeUser) => ({
    id: user.id,
    is_bot: false,
    first_name: user.firstName ?? "Budi",
    ...(user.lastName ? { last_name: user.lastName } : {}),
    language_code: "id",
  });
  const messageOf = (user: FakeUser) => ({
    message_id: nextMessageId++,
    date: Math.floor(Date.now() / 1000),
    chat: chatOf(user),
    from: fromOf(user),
  });
  const groupChatOf = (chatId: string) => ({
    id: Number(chatId),
    type: "supergroup" as const,
    title: "Helpdesk LPSE",
    is_forum: true as const,
  });
  /** A message the bot sent, as Telegram puts it in a callback or a reply. */
  const botMessageOf = (m: SentMessage) => ({
    message_id: m.messageId,
    date: Math.floor(Date.now() / 1000),
    chat: groupChatOf(m.chatId),
    from: bot,
    text: htmlToPlain(m.text),
    ...(m.threadId === undefined ? {} : { message_thread_id: m.threadId, is_topic_message: true }),
  });
  const addFile = (bytes: Buffer, folder: string, ext: string): StoredFile => {
    const fileId = `file-${randomUUID()}`;
    const file = {
      fileId,
      uniqueId: fileId.slice(5, 21),
      path: `${folder}/${fileId}.${ext}`,
      bytes,
    };
    files.set(fileId, file);
    return file;
  };

  const api: FakeBotApi = {
    token,
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    sent,
    documents,
    answeredCallbacks,
    callbackToasts,
    edits,
    get webhook() {
      return webhook;
    },
    webhookDeliveries,
    injected,
    setPendingUpdateCount(count) {
      pendingUpdateCount = count;
    },
    inject(update) {
      const updateId = update.update_id ?? nextUpdateId++;
      const full = { ...update, update_id: updateId } as Update;
      injected.push(full);
      if (full.callback_query) openCallbacks.add(full.callback_query.id);
      if (webhook) {
        void deliver(full);
        return updateId;
      }
      queue.push(full);
      wakePollers();
      return updateId;
    },
    text(user, text) {
      const entities = text.startsWith("/")
        ? [{ type: "bot_command" as const, offset: 0, length: text.split(/\s/u)[0]?.length ?? 1 }]
        : undefined;
      return api.inject({
        message: { ...messageOf(user), text, ...(entities ? { entities } : {}) },
      });
    },
    callback(user, data, messageId) {
      return api.inject({
        callback_query: {
          id: `cb-${randomUUID()}`,
          from: fromOf(user),
          chat_instance: `ci-${user.id}`,
          data,
          message: {
            message_id: messageId ?? nextMessageId++,
            date: Math.floor(Date.now() / 1000),
            chat: chatOf(user),
            text: "…",
          },
        },
      });
    },
    photo(user, bytes, caption) {
      const sizes = [
        { w: 90, h: 60, bytes: bytes.subarray(0, Math.min(bytes.length, 200)) },
        { w: 320, h: 213, bytes: bytes.subarray(0, Math.min(bytes.length, 2000)) },
        { w: 1280, h: 853, bytes },
      ].map((s) => {
        const file = addFile(Buffer.from(s.bytes), "photos", "jpg");
        return {
          file_id: file.fileId,
          file_unique_id: file.uniqueId,
          width: s.w,
          height: s.h,
          file_size: file.bytes.length,
        };
      });
      return api.inject({
        message: { ...messageOf(user), photo: sizes, ...(caption ? { caption } : {}) },
      });
    },
    document(user, bytes, mime, fileName, opts) {
      const file = addFile(bytes, "documents", fileName.split(".").pop() ?? "bin");
      if (opts?.claimedSize !== undefined) file.claimedSize = opts.claimedSize;
      return api.inject({
        message: {
          ...messageOf(user),
          document: {
            file_id: file.fileId,
            file_unique_id: file.uniqueId,
            file_name: fileName,
            mime_type: mime,
            file_size: opts?.claimedSize ?? bytes.length,
          },
        },
      });
    },
    contact(user, phone) {
      return api.inject({
        message: {
          ...messageOf(user),
          contact: { phone_number: phone, first_name: user.firstName ?? "Budi", user_id: user.id },
        },
      });
    },
    sticker(user) {
      return api.inject({
        message: {
          ...messageOf(user),
          sticker: {
            file_id: "sticker-1",
            file_unique_id: "st1",
            type: "regular",
            width: 512,
            height: 512,
            is_animated: false,
            is_video: false,
          },
        },
      });
    },
    voice(user) {
      return api.inject({
        message: {
          ...messageOf(user),
          voice: { file_id: "voice-1", file_unique_id: "vc1", duration: 3, mime_type: "audio/ogg" },
        },
      });
    },
    location(user) {
      return api.inject({
        message: { ...messageOf(user), location: { latitude: 0.3, longitude: 109.9 } },
      });
    },
    tooManyRequests,
    topics,
    deleteTopic(chatId, threadId) {
      const topic = topics.find((t) => t.chatId === chatId && t.threadId === threadId);
      if (topic) topic.deleted = true;
      const chat = liveIn(chatId);
      for (const [id, m] of chat) if (m.threadId === threadId) chat.delete(id);
    },
    groupText(user, chatId, threadId, text) {
      const entities = text.startsWith("/")
        ? [{ type: "bot_command" as const, offset: 0, length: text.split(/\s/u)[0]?.length ?? 1 }]
        : undefined;
      const messageId = nextMessageId++;
      setOf(memberSets, chatId).add(user.id);
      keep(chatId, { messageId, threadId, visible: text, fromBot: false });
      return api.inject({
        message: {
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(chatId), type: "supergroup", title: "Helpdesk LPSE", is_forum: true },
          from: fromOf(user),
          text,
          ...(entities ? { entities } : {}),
          ...(threadId === undefined
            ? {}
            : { message_thread_id: threadId, is_topic_message: true }),
        },
      } as Omit<Update, "update_id">);
    },
    groupDocument(user, chatId, threadId, file) {
      const stored = addFile(file.bytes, "documents", file.fileName.split(".").pop() ?? "bin");
      const messageId = nextMessageId++;
      setOf(memberSets, chatId).add(user.id);
      keep(chatId, {
        messageId,
        threadId,
        visible: [file.fileName, file.caption ?? ""].join("\n"),
        fromBot: false,
      });
      return api.inject({
        message: {
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(chatId), type: "supergroup", title: "Helpdesk LPSE", is_forum: true },
          from: fromOf(user),
          message_thread_id: threadId,
          is_topic_message: true,
          document: {
            file_id: stored.fileId,
            file_unique_id: stored.uniqueId,
            file_name: file.fileName,
            mime_type: file.mime,
            file_size: file.bytes.length,
          },
          ...(file.caption ? { caption: file.caption } : {}),
        },
      } as Omit<Update, "update_id">);
    },
    groupCallback(user, chatId, threadId, data, messageId) {
      return api.inject({
        callback_query: {
          id: `cb-${randomUUID()}`,
          from: fromOf(user),
          chat_instance: `ci-${chatId}`,
          data,
          message: {
            message_id: messageId ?? nextMessageId++,
            date: Math.floor(Date.now() / 1000),
            chat: {
              id: Number(chatId),
              type: "supergroup",
              title: "Helpdesk LPSE",
              is_forum: true,
            },
            text: "…",
            ...(threadId === undefined
              ? {}
              : { message_thread_id: threadId, is_topic_message: true }),
          },
        },
      } as Omit<Update, "update_id">);
    },
    press(user, message, label) {
      const buttons =
        (message.replyMarkup as { inline_keyboard?: { text: string; callback_data?: string }[][] })
          ?.inline_keyboard ?? [];
      const button = buttons.flat().find((b) => b.text === label);
      if (!button?.callback_data) {
        throw new Error(`fake Bot API: no button "${label}" under message ${message.messageId}`);
      }
      return api.inject({
        callback_query: {
          id: `cb-${randomUUID()}`,
          from: fromOf(user),
          chat_instance: `ci-${message.chatId}`,
          data: button.callback_data,
          message: { ...botMessageOf(message), reply_markup: message.replyMarkup },
        },
      } as Omit<Update, "update_id">);
    },
    groupReply(user, to, text) {
      if (!sent.includes(to)) throw new Error("fake Bot API: a reply to a message never sent");
      return api.inject({
        message: {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: groupChatOf(to.chatId),
          from: fromOf(user),
          text,
          reply_to_message: botMessageOf(to),
          ...(to.threadId === undefined
            ? {}
            : { message_thread_id: to.threadId, is_topic_message: true }),
        },
      } as unknown as Omit<Update, "update_id">);
    },
    rateLimit(name, count, retryAfter) {
      failures.set(name, {
        count,
        errorCode: 429,
        description: `Too Many Requests: retry after ${retryAfter}`,
        retryAfter,
      });
    },
    fail(name, count, errorCode, description, when) {
      failures.set(name, { count, errorCode, description, ...(when ? { when } : {}) });
    },
    liveMessages(chatId) {
      return [...liveIn(chatId).values()].sort((a, b) => a.messageId - b.messageId);
    },
    members: (chatId) => setOf(memberSets, chatId),
    banned: (chatId) => setOf(bannedSets, chatId),
    addMember(chatId, userId) {
      setOf(memberSets, chatId).add(userId);
    },
    callsOf(name) {
      return calls.filter((c) => c.method === name);
    },
    async waitFor(check, timeoutMs = 10_000, what = "condition") {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = check();
        if (value !== undefined && value !== false) return value;
        if (Date.now() > deadline) throw new Error(`fake Bot API: timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      closed = true;
      wakePollers();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}
