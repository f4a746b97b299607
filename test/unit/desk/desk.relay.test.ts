import { describe, expect, it } from "vitest";
import { relayBatch } from "../../../bot/agent-desk/desk.relay.ts";

const row = (id: string, length: number) => ({ id, body: "x".repeat(length) });

describe("which waiting texts of a contact go in one relay message", () => {
  it("takes them in order while they fit 3500 characters, opening only those looked at", () => {
    const opened: string[] = [];
    const open = (r: { id: string; body: string }) => {
      opened.push(r.id);
      return { id: r.id, text: r.body };
    };
    const waiting = [row("a", 2000), row("b", 1500), row("c", 1), row("d", 1)];
    expect(
      relayBatch(waiting, waiting[0] as (typeof waiting)[number], open).map((r) => r.id),
    ).toEqual(["a", "b"]);
    expect(opened).toEqual(["a", "b", "c"]);
  });

  it("always takes the first, however long", () => {
    const waiting = [row("a", 5000), row("b", 1)];
    const open = (r: { id: string; body: string }) => ({ id: r.id, text: r.body });
    expect(
      relayBatch(waiting, waiting[0] as (typeof waiting)[number], open).map((r) => r.id),
    ).toEqual(["a"]);
  });

  it("puts this job's own row first when it is not among those that fit", () => {
    const waiting = [row("a", 3000), row("b", 1000)];
    const own = row("b", 1000);
    const open = (r: { id: string; body: string }) => ({ id: r.id, text: r.body });
    expect(relayBatch(waiting, own, open).map((r) => r.id)).toEqual(["b", "a"]);
  });
});
