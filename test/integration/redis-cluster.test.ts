// The whole app (channel, inbound pipeline, workers, outbound sender, health
// server) on a real Redis Cluster of three masters that this file starts and
// kills: a citizen files a ticket through the console channel, the workers
// route it, and the reply and the status notification are delivered. Every
// key the app wrote must hash to the queue prefix's slot and live on one node.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLetterPreviewStore } from "../../bot/agent-desk/letter-preview.store.ts";
import { createSessionLock } from "../../bot/whatsapp/whatsapp.lock.ts";
import { whatsappLockKey } from "../../bot/whatsapp/whatsapp.start.ts";
import type { Config } from "../../core/config.ts";
import { QUEUE } from "../../core/contracts/queues.ts";
import { createLifecycle } from "../../core/infra/lifecycle.ts";
import { createRateLimiter } from "../../core/infra/rate-limit.ts";
import {
  Cluster,
  checkEvictionPolicy,
  createRedis,
  RedisUnavailableError,
} from "../../core/infra/redis.ts";
import { ensureRedis } from "../../core/infra/redis-server.ts";
import { listenHealth, type Runtime } from "../../core/infra/runtime.ts";
import type { Services } from "../../core/infra/services.ts";
import { redisAcceptedSends } from "../../core/infra/stores/accepted-sends.store.ts";
import { jpegFile, pdfFile, pngFile } from "../fixtures/files.ts";
import { capturingLogger, testAppConfig } from "../support/app.ts";
import { wibDayAt, wibTyped } from "../support/clock.ts";
import { startConsoleApp } from "../support/console-app.ts";
import { isolatedDatabase } from "../support/database.ts";
import { freePort } from "../support/process.ts";
import { deleteKeys, startRedisCluster, type TestCluster } from "../support/redis.ts";

const tag = `cluster-${randomUUID().slice(0, 8)}`;
const prefix = `{${tag}}`;
const TOKEN = "a-cluster-test-admin-token-0123456789";
const externalId = `console:${tag}`;
const { lines: logLines, logger } = capturingLogger();
const lifecycle = createLifecycle(logger, 10_000);
let cluster: TestCluster;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let dir: string;
let config: Config;
let runtime: Runtime;
let services: Services;
let base: string;
let app: Awaited<ReturnType<typeof startConsoleApp>>;

beforeAll(async () => {
  [cluster, database, dir] = await Promise.all([
    startRedisCluster(3),
    isolatedDatabase("cluster"),
    mkdtemp(path.join(tmpdir(), "lpse-cluster-")),
  ]);
  config = testAppConfig(prefix, dir, {
    DATABASE_URL: database.url,
    // In cluster mode REDIS_URL only lends the password to every node.
    REDIS_URL: cluster.url,
    REDIS_CLUSTER_NODES: cluster.seeds,
    ADMIN_TOKEN: TOKEN,
    HTTP_HOST: "127.0.0.1",
    HTTP_PORT: "0",
  });
  app = await startConsoleApp({ config, logger, lifecycle, externalId });
  ({ runtime, services } = app);
  const address = await listenHealth(runtime, config, logger, lifecycle);
  base = `http://127.0.0.1:${address.port}`;
  await writeFile(path.join(dir, "ktp.jpg"), jpegFile(40_000));
  await writeFile(path.join(dir, "kuasa.pdf"), pdfFile());
  await writeFile(path.join(dir, "layar.png"), pngFile(32, 32));
}, 60_000);

afterAll(async () => {
  await lifecycle.shutdown("test done");
  await cluster?.stop();
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 30_000);

/** A complete request, each line with a piece of the answer it gets. */
const intake = (files: string): [string, string][] => [
  ["halo", "Selamat datang di Helpdesk LPSE Kabupaten Landak"],
  ["1", "Gagal unggah dokumen penawaran"],
  ["gagal unggah dokumen penawaran", "UU Nomor 27 Tahun 2022"],
  ["1", "nama lengkap"],
  ["Budi Santoso", "NIK"],
  ["6171054101900001", "peran"],
  ["penyedia", "perusahaan"],
  ["CV Maju Jaya", "e-mail"],
  ["budi@example.com", "nomor HP"],
  ["0812-3456-7890", "kode tender"],
  ["10012345000", "batas akhir"],
  // A bid deadline a week ahead, whenever the test runs.
  [wibTyped(wibDayAt(7, "14:00")), "jelaskan permasalahan"],
  ["Dokumen penawaran gagal diunggah, muncul pesan error.", "untuk orang lain"],
  ["1", "foto KTP"],
  [`/kirim ${path.join(files, "ktp.jpg")}`, "surat kuasa"],
  [`/kirim ${path.join(files, "kuasa.pdf")}`, "screenshot"],
  [`/kirim ${path.join(files, "layar.png")}`, "Screenshot ke-1"],
  ["selesai", "NIK: 6171********0001"],
];

const say = (line: string) => app.say(line);

async function until(probe: () => Promise<boolean> | boolean, what: string, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what} not reached in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every key under the prefix, by the port of the node that holds it. */
async function keysByNode(): Promise<Map<number, string[]>> {
  const found = new Map<number, string[]>();
  for (const port of cluster.ports) {
    const keys: string[] = [];
    let cursor = "0";
    do {
      const [next, batch] = await cluster
        .node(port)
        .scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== "0");
    if (keys.length) found.set(port, keys);
  }
  return found;
}

describe("the app on a Redis Cluster", () => {
  it("runs on cluster clients with the workers' and producers' semantics", async () => {
    expect(runtime.redis).toBeInstanceOf(Cluster);
    expect(runtime.workerRedis).toBeInstanceOf(Cluster);
    const worker = runtime.workerRedis as Cluster;
    const producer = runtime.redis as Cluster;
    expect(worker.options.redisOptions?.maxRetriesPerRequest).toBeNull();
    expect(worker.options.enableOfflineQueue).toBe(true);
    expect(producer.options.enableOfflineQueue).toBe(false);
    expect(producer.nodes("master")).toHaveLength(3);
  });

  it("files a ticket from a console conversation; the workers route it and the user hears back", async () => {
    for (const [line, answer] of intake(dir)) expect(await say(line), line).toContain(answer);
    const done = await say("1");
    const number = /LDK-\d{4}-\d{5}/.exec(done)?.[0];
    expect(number, done).toBeDefined();

    // The routing worker took ticket.created off the cluster; the status
    // notification and the request form came back through outbound-console.
    await until(
      () => app.screen().includes(`Tiket ${number} sudah masuk antrean Helpdesk`),
      "routed",
    );
    await until(() => app.screen().includes(`Formulir-Permohonan-${number}.pdf`), "request form");
    const ticket = await runtime.db.prisma.ticket.findUniqueOrThrow({
      where: { number: number ?? "" },
      include: { events: true },
    });
    expect(ticket.team).toBe("ADMIN");
    expect(ticket.events.map((e) => e.actorType).sort()).toEqual(["SYSTEM", "USER"]);
    const outbox = await runtime.db.prisma.outboxEvent.findFirstOrThrow({
      where: { name: "ticket.created", payload: { equals: { ticketId: ticket.id } } },
    });
    expect((await services.queueFor(QUEUE.tickets).getJob(outbox.id))?.data).toEqual({
      ticketId: ticket.id,
    });
    await until(
      async () =>
        (await runtime.db.prisma.outboundMessage.count({
          where: { contactId: ticket.contactId, status: { not: "SENT" } },
        })) === 0,
      "every reply marked sent",
    );

    // The flood guard's bucket for this sender took a token per message.
    const bucket = createRateLimiter({
      redis: runtime.redis,
      cipher: services.cipher,
      prefix,
      burst: config.rateLimit.burst,
      perMinute: config.rateLimit.perMinute,
    }).keyFor("CONSOLE", externalId);
    const tokens = Number(await runtime.redis.hget(bucket, "t"));
    expect(tokens).toBeGreaterThan(0);
    expect(tokens).toBeLessThan(config.rateLimit.burst);

    // Verified, not assumed: every key of the run is in the slot of the
    // prefix's tag, on the one master that serves that slot.
    const slot = Number(await cluster.node(cluster.ports[0] ?? 0).cluster("KEYSLOT", tag));
    const byNode = await keysByNode();
    expect([...byNode.keys()]).toHaveLength(1);
    const [port, keys] = [...byNode.entries()][0] ?? [0, []];
    expect(keys).toContain(bucket);
    expect(keys.some((k) => k.startsWith(`${prefix}:${QUEUE.tickets}:`))).toBe(true);
    expect(keys.some((k) => k.startsWith(`${prefix}:outbound-console:`))).toBe(true);
    const node = cluster.node(port);
    const slots = await Promise.all(keys.map((k) => node.cluster("KEYSLOT", k)));
    expect(new Set(slots.map(Number))).toEqual(new Set([slot]));
    const owner = (await node.cluster("SLOTS")).find(([from, to]) => slot >= from && slot <= to);
    expect(owner?.[2]?.[1]).toBe(port);
    // And nothing personal in a log line on the way.
    expect(logLines.join("\n")).not.toContain("6171054101900001");
  }, 40_000);

  it("answers /readyz with redis ok, counts jobs in /metrics, and serves the queue dashboard", async () => {
    const ready = await fetch(`${base}/readyz`);
    const body = (await ready.json()) as { checks: Record<string, { ok: boolean }> };
    expect(ready.status).toBe(200);
    expect(body.checks.redis?.ok).toBe(true);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/helpdesk_queue_jobs\{queue="tickets",state="completed"\} [1-9]/);
    expect(metrics).toContain('helpdesk_inbound_messages{state="waiting"} 0');
    const dashboard = await fetch(`${base}/admin/queues/api/queues`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(dashboard.status).toBe(200);
    const listed = (await dashboard.json()) as { queues: { name: string }[] };
    expect(listed.queues.map((q) => q.name)).toContain(QUEUE.tickets);
  });

  it("keeps the single-key scripts and commands working: WhatsApp lock, letter previews, accepted sends", async () => {
    const key = whatsappLockKey(prefix, "helpdesk");
    const [one, two] = [1, 2].map(() =>
      createSessionLock({ redis: runtime.redis, key, ttlMs: 5000 }),
    );
    expect(await one?.tryAcquire()).toBe(true);
    expect(await two?.tryAcquire()).toBe(false);
    expect(await two?.renew()).toBe(false);
    expect(await one?.renew()).toBe(true);
    await one?.release();
    expect(await two?.tryAcquire()).toBe(true);
    await two?.release();

    const previews = createLetterPreviewStore({
      redis: runtime.redis,
      cipher: services.cipher,
      prefix,
    });
    const id = await previews.put({
      input: {
        ticketId: randomUUID(),
        tenderCode: "10012345",
        disruptionStart: new Date(),
        disruptionEnd: new Date(),
        affectedParties: "Penyedia",
        agentId: null,
      },
      threadId: 7,
    });
    const taken = await Promise.all([previews.take(id), previews.take(id)]);
    expect(taken.map((t) => t.type).sort()).toEqual(["alreadyTaken", "taken"]);

    const accepted = redisAcceptedSends({ redis: runtime.redis, prefix });
    const row = randomUUID();
    expect(await accepted.record(row, "wamid-1")).toBe(true);
    expect((await accepted.get(row))?.providerId).toBe("wamid-1");
    await accepted.forget(row);
    expect(await accepted.get(row)).toBeNull();
  });

  it("checks the eviction policy on every master and warns about the one that evicts", async () => {
    const target = cluster.node(cluster.ports[1] ?? 0);
    const probe = capturingLogger();
    expect(await checkEvictionPolicy(runtime.redis, probe.logger)).toBe("noeviction");
    await target.config("SET", "maxmemory-policy", "allkeys-lru");
    try {
      expect(await checkEvictionPolicy(runtime.redis, probe.logger)).toBe("allkeys-lru");
      const warnings = probe.lines.filter((l) => l.includes("is not 'noeviction'"));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`127.0.0.1:${cluster.ports[1]}`);
    } finally {
      await target.config("SET", "maxmemory-policy", "noeviction");
    }
  });

  it("never launches a private server in cluster mode, and says which seeds did not answer", async () => {
    expect(await ensureRedis(config.redis, logger, "no-such-redis-server")).toBeNull();
    const deadSeeds = [{ host: "127.0.0.1", port: await freePort() }];
    const down = ensureRedis(
      { ...config.redis, autostart: true, clusterNodes: deadSeeds },
      logger,
      "no-such-redis-server",
    );
    await expect(down).rejects.toBeInstanceOf(RedisUnavailableError);
    await expect(down).rejects.toThrow(/Redis Cluster tidak menjawab.*127\.0\.0\.1:\d+/);
    // The password in REDIS_URL is what the nodes check.
    await expect(
      ensureRedis({ ...config.redis, url: "redis://:wrong@127.0.0.1:6379" }, logger),
    ).rejects.toThrow(RedisUnavailableError);
  });

  it("leaves keys that deleteKeys removes from the cluster once the app has stopped", async () => {
    await lifecycle.shutdown("test done");
    const client = createRedis(config.redis, "producer");
    await client.connect();
    try {
      expect(await deleteKeys(prefix, client)).toBeGreaterThan(10);
      expect(await keysByNode()).toEqual(new Map());
    } finally {
      await client.quit();
    }
  });
});
