// A local stand-in for WhatsApp's media host (mmg.whatsapp.net), which the
// WhatsApp channel is pointed at with `mediaBaseUrl` in tests. A file is
// "uploaded" the way a sending phone does it, with Baileys' own
// encryptedStream (random mediaKey, AES-256-CBC, 10-byte MAC), and the test
// gets back the fields rc14 puts into an image or document message (url,
// directPath, mediaKey, hashes, fileLength). It can also stream without end
// (a file far larger than its message claims) or stall, and it records every
// request and how many bytes it managed to send.
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { readFile, rm } from "node:fs/promises";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { encryptedStream } from "@whiskeysockets/baileys";

/** The media fields of an imageMessage / documentMessage, as Baileys' prepareWAMessageMedia sets them. */
export interface UploadedMedia {
  url: string;
  directPath: string;
  mediaKey: Uint8Array;
  fileEncSha256: Uint8Array;
  fileSha256: Uint8Array;
  fileLength: number;
  mediaKeyTimestamp: number;
}

type Route =
  | { kind: "file"; bytes: Buffer; held?: Promise<void> }
  | { kind: "endless"; total: number; sent: number }
  | { kind: "stall" };

const newDirectPath = () =>
  `/v/t62.7118-24/${randomBytes(8).readBigUInt64BE()}_${randomBytes(4).toString("hex")}_n.enc` +
  `?ccb=11-4&oh=01_Q5Aa${randomBytes(12).toString("base64url")}&oe=${randomBytes(4).toString("hex").toUpperCase()}&_nc_sid=5e03e0&mms3=true`;

export async function startFakeMediaHost() {
  const routes = new Map<string, Route>();
  /** Paths requested, in order (with their query). */
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? "";
    hits.push(path);
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    if (route.kind === "file") {
      void (route.held ?? Promise.resolve()).then(() =>
        res.writeHead(200, { "content-type": "application/octet-stream" }).end(route.bytes),
      );
    } else if (route.kind === "stall") {
      // Headers, then nothing: only the client's deadline ends this.
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.flushHeaders();
    } else {
      void streamEndless(res, route);
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const open = new Set<ServerResponse>();
  server.on("request", (_req, res: ServerResponse) => {
    open.add(res);
    res.on("close", () => open.delete(res));
  });

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    hits,
    /**
     * Encrypts `bytes` as a phone sending them would, and serves them at a
     * new directPath; `held`: requests wait until `release()`.
     */
    async upload(
      bytes: Buffer,
      type: "image" | "document",
      opts: { held?: boolean } = {},
    ): Promise<UploadedMedia & { release: () => void }> {
      const encrypted = await encryptedStream(bytes, type);
      const body = await readFile(encrypted.encFilePath);
      await rm(encrypted.encFilePath, { force: true });
      const directPath = newDirectPath();
      let release = () => {};
      const held = opts.held
        ? new Promise<void>((resolve) => {
            release = resolve;
          })
        : undefined;
      routes.set(directPath, { kind: "file", bytes: body, ...(held ? { held } : {}) });
      return {
        release: () => release(),
        url: `https://mmg.whatsapp.net${directPath}`,
        directPath,
        mediaKey: encrypted.mediaKey,
        fileEncSha256: encrypted.fileEncSha256,
        fileSha256: encrypted.fileSha256,
        fileLength: encrypted.fileLength,
        mediaKeyTimestamp: Math.floor(Date.now() / 1000),
      };
    },
    /** A path that streams up to `total` bytes of noise; `sent()` says how many went out. */
    endless(total: number) {
      const directPath = newDirectPath();
      const route: Route = { kind: "endless", total, sent: 0 };
      routes.set(directPath, route);
      return { directPath, sent: () => route.sent };
    },
    /** A path that answers with headers and then never sends the body. */
    stall() {
      const directPath = newDirectPath();
      routes.set(directPath, { kind: "stall" });
      return directPath;
    },
    hitsOf: (directPath: string) => hits.filter((h) => h === directPath).length,
    async close() {
      for (const res of open) res.destroy();
      server.close();
      await once(server, "close");
    },
  };
}

async function streamEndless(res: ServerResponse, route: Extract<Route, { kind: "endless" }>) {
  res.writeHead(200, { "content-type": "application/octet-stream" });
  const chunk = randomBytes(64 * 1024);
  let closed = false;
  res.on("close", () => {
    closed = true;
  });
  while (!closed && route.sent < route.total) {
    route.sent += chunk.length;
    if (!res.write(chunk)) {
      await Promise.race([once(res, "drain"), once(res, "close")]);
    }
  }
  if (!closed) res.end();
}

export type FakeMediaHost = Awaited<ReturnType<typeof startFakeMediaHost>>;
