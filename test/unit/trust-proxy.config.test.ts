// HTTP_TRUST_PROXY: off by default, else a list of addresses and CIDR ranges.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../core/config.ts";

describe("HTTP_TRUST_PROXY", () => {
  it("is off unless set", () => {
    expect(loadConfig({}).http.trustProxy).toBe(false);
    expect(loadConfig({ HTTP_TRUST_PROXY: "off" }).http.trustProxy).toBe(false);
  });

  it("reads addresses, CIDR ranges and proxy-addr's names", () => {
    expect(
      loadConfig({ HTTP_TRUST_PROXY: "10.0.0.5, 192.168.1.0/24,fd00::/8,loopback" }).http
        .trustProxy,
    ).toEqual(["10.0.0.5", "192.168.1.0/24", "fd00::/8", "loopback"]);
  });

  it.each(["", "true", "10.0.0.300", "10.0.0.0/33", "10.0.0.0/8/1", "proxy.kantor"])(
    "refuses %j",
    (value) => {
      expect(() => loadConfig({ HTTP_TRUST_PROXY: value })).toThrow(ConfigError);
    },
  );
});
