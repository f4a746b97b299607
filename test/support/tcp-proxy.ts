// A TCP proxy the fault tests put between the app and PostgreSQL or Redis, to
// cut its connections and refuse new ones for a while, as a network outage or
// a server restart would.
import { connect, createServer, type Socket } from "node:net";

export interface TcpProxy {
  readonly port: number;
  /** The target's URL with host and port swapped for the proxy's. */
  url(targetUrl: string): string;
  /** Destroys every open connection (both ends), as a dropped network does. */
  cut(): void;
  /** Cuts, then resets every new connection until `restore()`. */
  down(): void;
  /** Accepts and forwards connections again. */
  restore(): void;
  /** Connections accepted and forwarded since start. */
  readonly accepted: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host?: string; port: number }): Promise<TcpProxy> {
  const host = target.host ?? "127.0.0.1";
  const open = new Set<Socket>();
  let refusing = false;
  let accepted = 0;

  const server = createServer((client) => {
    if (refusing) {
      client.resetAndDestroy();
      return;
    }
    accepted++;
    const upstream = connect({ host, port: target.port });
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on("error", drop);
    upstream.on("error", drop);
    client.on("close", drop);
    upstream.on("close", drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };

  const cut = () => {
    for (const socket of open) socket.resetAndDestroy();
    open.clear();
  };
  return {
    port,
    get accepted() {
      return accepted;
    },
    url(targetUrl) {
      const copy = new URL(targetUrl);
      copy.hostname = "127.0.0.1";
      copy.port = String(port);
      return copy.href;
    },
    cut,
    down() {
      refusing = true;
      cut();
    },
    restore() {
      refusing = false;
    },
    async close() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
