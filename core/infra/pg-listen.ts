// One dedicated PostgreSQL connection that LISTENs on a channel (the pool's
// connections are shared and cannot hold a LISTEN). When the connection is
// lost it is opened again after a pause; notifications sent meanwhile are
// missed, which the console's live updates tolerate (docs/console.md).
import pg from "pg";

const RECONNECT_MS = 2_000;

export function listenPostgres(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
  onError: (err: unknown) => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  async function open(): Promise<void> {
    const c = new pg.Client({ connectionString: url });
    client = c;
    c.on("notification", (n) => {
      if (n.channel === channel && n.payload) onPayload(n.payload);
    });
    const retry = (err: unknown) => {
      if (client !== c || closed) return;
      client = undefined;
      onError(err);
      c.end().catch(() => {});
      timer = setTimeout(() => open().catch(retry), RECONNECT_MS);
      timer.unref();
    };
    c.on("error", retry);
    c.on("end", () => retry(new Error("LISTEN connection ended")));
    await c.connect();
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  }

  return open().then(() => async () => {
    closed = true;
    clearTimeout(timer);
    await client?.end().catch(() => {});
  });
}
