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

  function schedule(err: unknown) {
    if (closed) return;
    onError(err);
    timer = setTimeout(() => open().catch(schedule), RECONNECT_MS);
    timer.unref();
  }

  async function open(): Promise<void> {
    const c = new pg.Client({ connectionString: url });
    client = c;
    const lost = (err: unknown) => {
      if (client !== c || closed) return;
      client = undefined;
      c.end().catch(() => {});
      schedule(err);
    };
    c.on("notification", (n) => {
      if (n.channel === channel && n.payload) onPayload(n.payload);
    });
    c.on("error", lost);
    c.on("end", () => lost(new Error("LISTEN connection ended")));
    try {
      await c.connect();
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (err) {
      // The caller (or the next scheduled attempt) hears of it.
      if (client === c) client = undefined;
      c.end().catch(() => {});
      throw err;
    }
  }

  return open().then(() => async () => {
    closed = true;
    clearTimeout(timer);
    await client?.end().catch(() => {});
  });
}
