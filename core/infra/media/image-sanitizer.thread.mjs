// Worker thread of core/infra/media/image-sanitizer.ts: decodes and
// re-encodes images off the process's main thread. Plain JavaScript that
// registers tsx, so it starts the same way under `tsx`, `node --import tsx`
// and vitest.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { reencodeWithJs } = await import("./image-reencode.ts");

parentPort.on("message", ({ id, bytes, mime, maxPixels }) => {
  try {
    parentPort.postMessage({ id, result: reencodeWithJs(bytes, mime, maxPixels) });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
parentPort.postMessage({ ready: true });
