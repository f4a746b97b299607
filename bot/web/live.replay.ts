// The recent ticket changes of this process, numbered, for the live
// updates' Last-Event-ID replay (docs/console.md, "Live updates"). Each
// change gets the id `<boot>-<n>`: `boot` is drawn once per process (so an id
// from an earlier process or another replica is recognised as foreign), `n`
// counts up from 1. The last `size` changes are kept; a stream reopened with
// the id it saw last gets what it missed from them, or — when the id is
// foreign, malformed, ahead of the counter or older than what is kept — is
// told to refresh itself fully.
import { randomBytes } from "node:crypto";
import type { TicketChange } from "../../core/infra/ticket-changes.ts";

export const REPLAY_SIZE = 500;

export interface NumberedChange extends TicketChange {
  id: string;
}

export type Resume =
  /** Nothing to catch up on (no id was sent). */
  | { kind: "fresh" }
  /** What happened after the id, oldest first (possibly nothing). */
  | { kind: "replay"; changes: NumberedChange[] }
  /** The id cannot be placed: refresh everything; `id` is the latest, to resume from. */
  | { kind: "unknown"; id: string };

export interface ChangeLog {
  /** Numbers and keeps a change; returns it with its id. */
  record(change: TicketChange): NumberedChange;
  resume(lastEventId: string | undefined): Resume;
}

export function createChangeLog(size = REPLAY_SIZE, boot = randomBytes(6).toString("hex")) {
  const ring: (NumberedChange & { n: number })[] = [];
  let counter = 0;
  const idOf = (n: number) => `${boot}-${n}`;
  const log: ChangeLog = {
    record(change) {
      counter += 1;
      const numbered = { ticketId: change.ticketId, kind: change.kind, id: idOf(counter) };
      ring.push({ ...numbered, n: counter });
      if (ring.length > size) ring.shift();
      return numbered;
    },
    resume(lastEventId) {
      if (lastEventId === undefined || lastEventId === "") return { kind: "fresh" };
      const match = /^([0-9a-f]+)-(\d{1,15})$/u.exec(lastEventId);
      const n = match?.[1] === boot ? Number(match[2]) : Number.NaN;
      // Kept: changes oldest+1 … counter; the next one after n must still be there.
      const oldest = ring[0]?.n ?? counter + 1;
      if (!(n <= counter && n + 1 >= oldest)) return { kind: "unknown", id: idOf(counter) };
      return {
        kind: "replay",
        changes: ring
          .filter((c) => c.n > n)
          .map(({ ticketId, kind, id }) => ({ ticketId, kind, id })),
      };
    },
  };
  return log;
}
