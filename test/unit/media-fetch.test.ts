// The one fetch every channel's file download goes through: capped on the
// bytes read, with a deadline, never following a redirect.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchCapped } from "../../bot/media-fetch.ts";

let base: string;
let redirectTargetHits = 0;
const sent = { endless: 0 };
const server = createServer((req, res) => {
  if (req.url === "/file") res.end(Buffer.alloc(1000, 1));
  else if (req.url === "/declared") {
    res.writeHead(200, { "content-length": 5_000_000 });
    res.end();
  } else if (req.url === "/endless") {
    res.writeHead(200);
    const chunk = Buffer.alloc(64 * 1024, 2);
    const pump = () => {
      while (!res.destroyed && sent.endless < 64 * 1024 * 1024) {
        sent.endless += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  } else if (req.url === "/stall") {
    res.writeHead(200);
    res.flushHeaders();
  } else if (req.url === "/redirect") {
    res.writeHead(302, { location: "/target" }).end();
  } else if (req.url === "/target") {
    redirectTargetHits++;
    res.end("inside");
  } else res.writeHead(404).end();
});

beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
});

const limits = { maxBytes: 100_000, timeoutMs: 500 };

describe("fetchCapped", () => {
  it("reads a file within the cap", async () => {
    const got = await fetchCapped(`${base}/file`, limits);
    expect(got.ok && got.bytes.length).toBe(1000);
  });

  it("stops reading at the first byte over the cap, whatever was claimed", async () => {
    const got = await fetchCapped(`${base}/endless`, limits);
    expect(got).toMatchObject({ ok: false, reason: "TOO_LARGE" });
    expect(!got.ok && got.size).toBeLessThanOrEqual(limits.maxBytes + 64 * 1024);
    expect(sent.endless).toBeLessThan(16 * 1024 * 1024);
    expect(await fetchCapped(`${base}/declared`, limits)).toMatchObject({
      reason: "TOO_LARGE",
      size: 5_000_000,
    });
  });

  it("gives up a transfer that stalls after its deadline", async () => {
    expect(await fetchCapped(`${base}/stall`, limits)).toMatchObject({
      ok: false,
      reason: "FAILED",
      detail: expect.stringContaining("TimeoutError"),
    });
  });

  it("gives up a stalled transfer after its deadline even when garbage is collected meanwhile", async () => {
    // Node's fetch follows the caller's signal weakly: with a collection
    // during the body read, a deadline handed only to fetch never fires
    // (nodejs/node#55428). A collection every 20 ms makes that certain.
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    const collecting = setInterval(gc, 20);
    try {
      const hung = new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), 10_000));
      expect(await Promise.race([fetchCapped(`${base}/stall`, limits), hung])).toMatchObject({
        ok: false,
        reason: "FAILED",
        detail: expect.stringContaining("TimeoutError"),
      });
    } finally {
      clearInterval(collecting);
    }
  });

  it("stops a stalled transfer when its channel stops", async () => {
    const stopping = new AbortController();
    const got = fetchCapped(`${base}/stall`, {
      ...limits,
      timeoutMs: 60_000,
      signal: stopping.signal,
    });
    setTimeout(() => stopping.abort(), 50);
    expect(await got).toMatchObject({
      ok: false,
      reason: "FAILED",
      detail: expect.stringContaining("AbortError"),
    });
  });

  it("does not follow a redirect", async () => {
    expect(await fetchCapped(`${base}/redirect`, limits)).toMatchObject({
      ok: false,
      reason: "FAILED",
    });
    expect(redirectTargetHits).toBe(0);
  });
});
