// The download address of a WhatsApp file comes from its directPath alone,
// on the media host, and only when the directPath is a plain path.
import { describe, expect, it } from "vitest";
import { mediaUrl, WHATSAPP_MEDIA_BASE_URL } from "../../bot/whatsapp/whatsapp.media.ts";

const real =
  "/v/t62.7118-24/29281123_1234567890123456_1234567890123456789_n.enc?ccb=11-4&oh=01_Q5AaIB3x-Yk_AbC&oe=6812ABCD&_nc_sid=5e03e0&mms3=true";

describe("mediaUrl", () => {
  it("puts a real directPath on WhatsApp's media host", () => {
    expect(WHATSAPP_MEDIA_BASE_URL).toBe("https://mmg.whatsapp.net");
    expect(mediaUrl(real, WHATSAPP_MEDIA_BASE_URL)?.href).toBe(`https://mmg.whatsapp.net${real}`);
    expect(mediaUrl("/o1/v/t24/f2/m238/AQN_x.enc?ccb=9-4", WHATSAPP_MEDIA_BASE_URL)?.host).toBe(
      "mmg.whatsapp.net",
    );
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["a URL of its own", "http://10.0.0.1/x"],
    ["protocol-relative", "//169.254.169.254/latest/meta-data/"],
    ["user-info prefix", "@127.0.0.1:8080/x"],
    ["not starting with a slash", "v/t62/x.enc"],
    ["a backslash", "/\\\\127.0.0.1/x"],
    ["dot segments", "/v/../../x"],
    ["a fragment", "/v/x.enc#frag"],
    ["spaces and controls", "/v/x.enc\r\nHost: evil"],
    ["percent-encoded path", "/%2e%2e/x"],
    ["too long", `/${"a".repeat(3000)}`],
  ])("refuses a directPath with %s", (_, directPath) => {
    expect(mediaUrl(directPath, WHATSAPP_MEDIA_BASE_URL)).toBeNull();
  });
});
