// The live updates' change log (bot/web/live.replay.ts): ids count up under
// one boot part; a resume gets what came after its id while it is kept, and
// "unknown" (with the latest id) for a foreign, malformed, future or evicted id.
import { describe, expect, it } from "vitest";
import { createChangeLog } from "../../../bot/web/live.replay.ts";

const T = ["0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c"];

describe("the live updates' change log", () => {
  it("numbers changes under its boot part and replays what came after an id it still keeps", () => {
    const log = createChangeLog(3, "b00");
    const ids = [0, 1, 0, 1, 0].map((i) => log.record({ ticketId: T[i] ?? "", kind: "pesan" }).id);
    expect(ids).toEqual(["b00-1", "b00-2", "b00-3", "b00-4", "b00-5"]);
    expect(log.resume(undefined)).toEqual({ kind: "fresh" });
    expect(log.resume("")).toEqual({ kind: "fresh" });
    expect(log.resume("b00-5")).toEqual({ kind: "replay", changes: [] });
    expect(log.resume("b00-3")).toEqual({
      kind: "replay",
      changes: [
        { ticketId: T[1], kind: "pesan", id: "b00-4" },
        { ticketId: T[0], kind: "pesan", id: "b00-5" },
      ],
    });
    // Kept: 3, 4, 5; after 2 nothing is lost yet, after 1 change 2 is gone.
    expect(log.resume("b00-2")).toMatchObject({ kind: "replay" });
    expect((log.resume("b00-2") as { changes: unknown[] }).changes).toHaveLength(3);
    expect(log.resume("b00-1")).toEqual({ kind: "unknown", id: "b00-5" });
  });

  it("answers a foreign, malformed or future id with the latest id to resume from", () => {
    const log = createChangeLog(500, "b00");
    expect(log.resume("b00-0")).toEqual({ kind: "replay", changes: [] });
    expect(log.resume("b00-1")).toEqual({ kind: "unknown", id: "b00-0" });
    log.record({ ticketId: T[0] ?? "", kind: "status" });
    for (const id of ["a11-1", "b00", "b00-x", "-1", "b00-1-1", "b00-99"]) {
      expect(log.resume(id), id).toEqual({ kind: "unknown", id: "b00-1" });
    }
    expect(createChangeLog().record({ ticketId: T[0] ?? "", kind: "tiket" }).id).toMatch(
      /^[0-9a-f]{12}-1$/u,
    );
  });
});
