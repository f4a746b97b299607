// Worker thread of core/infra/media/image-sanitizer.ts: re-encodes images in
// JavaScript and parses PDFs off the process's main thread. Plain JavaScript
// that registers tsx, so it starts the same way under `tsx`, `node --import
// tsx` and vitest.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { sanitizeFile } = await import("./sanitize-file.ts");

parentPort.on("message", async ({ id, bytes, mime, maxPixels }) => {
  try {
    parentPort.postMessage({ id, result: await sanitizeFile(bytes, mime, maxPixels) });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
parentPort.postMessage({ ready: true });
