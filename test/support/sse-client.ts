// A server-sent-events client over node:http for the console's live-update
// stream: the status and headers, the events (with their ids) and comments
// as they arrive, and a wait for the one a test expects. A reconnect is
// opened with the Last-Event-ID it resumes from, as a browser sends it.
import http from "node:http";

export interface SseMessage {
  event: string;
  data: string;
  /** The event's `id:`; empty when it has none. */
  id: string;
}

export interface SseStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  messages: SseMessage[];
  comments: string[];
  /** Resolves once the server ended the stream. */
  ended: Promise<void>;
  waitFor(match: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  waitForComment(timeoutMs?: number): Promise<string>;
  close(): void;
}

export function openSse(url: string, cookie = "", lastEventId?: string): Promise<SseStream> {
  const headers: http.OutgoingHttpHeaders = { cookie, accept: "text/event-stream" };
  if (lastEventId !== undefined) headers["last-event-id"] = lastEventId;
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      const messages: SseMessage[] = [];
      const comments: string[] = [];
      const waiters = new Set<() => void>();
      let buffer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let cut = buffer.indexOf("\n\n");
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const m: SseMessage = { event: "message", data: "", id: "" };
          let isEvent = false;
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) comments.push(line.slice(1).trim());
            else if (line.startsWith("event: ")) [m.event, isEvent] = [line.slice(7), true];
            else if (line.startsWith("data: ")) [m.data, isEvent] = [line.slice(6), true];
            else if (line.startsWith("id: ")) m.id = line.slice(4);
          }
          if (isEvent) messages.push(m);
          cut = buffer.indexOf("\n\n");
        }
        for (const w of waiters) w();
      });
      const ended = new Promise<void>((done) => {
        res.on("end", done);
        res.on("close", done);
      });
      const until = <T>(find: () => T | undefined, timeoutMs: number, what: string) =>
        new Promise<T>((ok, fail) => {
          const check = () => {
            const found = find();
            if (found === undefined) return;
            clearTimeout(timer);
            waiters.delete(check);
            ok(found);
          };
          const timer = setTimeout(() => {
            waiters.delete(check);
            fail(new Error(`no ${what} within ${timeoutMs} ms: ${JSON.stringify(messages)}`));
          }, timeoutMs);
          waiters.add(check);
          check();
        });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        messages,
        comments,
        ended,
        waitFor: (match, timeoutMs = 10_000) =>
          until(() => messages.find(match), timeoutMs, "event"),
        waitForComment: (timeoutMs = 10_000) => until(() => comments[0], timeoutMs, "comment"),
        close: () => req.destroy(),
      });
    });
    req.on("error", reject);
  });
}
