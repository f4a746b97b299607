import { describe, expect, it } from "vitest";
import { createLifecycle } from "../../../core/infra/lifecycle.ts";
import { createLogger } from "../../../core/infra/logger.ts";

const silent = createLogger({ level: "silent" }, { write: () => {} });

describe("lifecycle", () => {
  it("closes in reverse order of registration, once", async () => {
    const closed: string[] = [];
    const lifecycle = createLifecycle(silent, 1000);
    for (const name of ["redis", "database", "workers", "channels"]) {
      lifecycle.onClose(name, async () => {
        closed.push(name);
      });
    }
    await Promise.all([lifecycle.shutdown("SIGTERM"), lifecycle.shutdown("SIGINT")]);
    await lifecycle.shutdown("again");
    expect(closed).toEqual(["channels", "workers", "database", "redis"]);
  });

  it("goes on closing the rest when one closer fails or hangs", async () => {
    const closed: string[] = [];
    const lifecycle = createLifecycle(silent, 50);
    lifecycle.onClose("first", () => {
      closed.push("first");
    });
    lifecycle.onClose("hangs", () => new Promise(() => {}));
    lifecycle.onClose("throws", () => {
      throw new Error("boom");
    });
    await lifecycle.shutdown("test");
    expect(closed).toEqual(["first"]);
  });
});
