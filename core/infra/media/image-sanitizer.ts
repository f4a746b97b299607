// Runs image re-encoding off the event loop. With `native`, images go
// through libvips (image-sanitizer.native.ts) when sharp loads; otherwise the
// JavaScript re-encoder (image-reencode.ts) runs on worker threads: decoding
// a 2-megapixel JPEG in JavaScript takes hundreds of milliseconds, which on
// the main thread would hold every other user's reply. If a worker cannot
// start or dies, the file is sanitised on the main thread instead: slower,
// never lost. PDFs are parsed (pdf-inspect.ts) on the threads too, in either
// mode: pdf-lib takes about 0.1 ms an object, so a small hostile PDF with
// thousands of objects would otherwise hold the event loop for seconds.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { AcceptedMime, SanitizeResult } from "../../domain/media/media-policy.ts";
import { createGate } from "../gate.ts";
import { loadSharp, type Sharp, sanitizeNatively } from "./image-sanitizer.native.ts";
import { sanitizeFile } from "./sanitize-file.ts";

interface Pending {
  resolve: (result: SanitizeResult) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<boolean>;
  busy: number;
  pending: Map<number, Pending>;
}

export interface ImageSanitizer {
  sanitize(bytes: Uint8Array, mime: AcceptedMime, maxPixels: number): Promise<SanitizeResult>;
  /** Files re-encoded by libvips, on a thread, and on the main thread (the fallback). */
  counts(): { native: number; threaded: number; inline: number };
  close(): Promise<void>;
}

const THREAD_URL = new URL("./image-sanitizer.thread.mjs", import.meta.url);

export function createImageSanitizer(
  opts: { threads?: number; native?: boolean } = {},
): ImageSanitizer {
  const size = Math.max(1, opts.threads ?? Math.min(2, availableParallelism() - 1));
  let slots: Slot[] = [];
  let nextId = 1;
  let closed = false;
  const done = { native: 0, threaded: 0, inline: 0 };
  // Loaded once, on first use; null: not available here, the threads do it.
  let sharp: Promise<Sharp | null> | undefined;
  // As many native re-encodes at once as there would be threads: a 40 MP
  // photo takes ~120 MB while decoded, and uploads come in bursts.
  const nativeGate = createGate(size);
  const inline = (bytes: Uint8Array, mime: AcceptedMime, maxPixels: number) => {
    done.inline++;
    return sanitizeFile(bytes, mime, maxPixels);
  };

  function spawn(): Slot {
    const worker = new Worker(THREAD_URL);
    // A pool of idle threads must not keep the process alive.
    worker.unref();
    const slot: Slot = { worker, busy: 0, pending: new Map(), ready: Promise.resolve(false) };
    slot.ready = new Promise<boolean>((resolve) => {
      worker.once("message", (m: { ready?: boolean }) => resolve(m.ready === true));
      worker.once("error", () => resolve(false));
      worker.once("exit", () => resolve(false));
    });
    worker.on("message", (m: { id?: number; result?: SanitizeResult; error?: string }) => {
      if (m.id === undefined) return;
      const waiting = slot.pending.get(m.id);
      if (!waiting) return;
      slot.pending.delete(m.id);
      slot.busy--;
      if (m.result) waiting.resolve(m.result);
      else waiting.reject(new Error(m.error ?? "sanitizer thread failed"));
    });
    const fail = (err: Error) => {
      for (const waiting of slot.pending.values()) waiting.reject(err);
      slot.pending.clear();
      slots = slots.filter((s) => s !== slot);
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`sanitizer thread exited with ${code}`)));
    return slot;
  }

  function pick(): Slot {
    while (slots.length < size) slots.push(spawn());
    return slots.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  return {
    async sanitize(bytes, mime, maxPixels) {
      if (closed) return inline(bytes, mime, maxPixels);
      if (opts.native && mime !== "application/pdf") {
        sharp ??= loadSharp();
        const vips = await sharp;
        if (vips) {
          done.native++;
          return nativeGate.run(() => sanitizeNatively(vips, bytes, mime, maxPixels));
        }
      }
      const slot = pick();
      if (!(await slot.ready)) return inline(bytes, mime, maxPixels);
      const id = nextId++;
      // A copy goes to the thread, so the caller's buffer stays usable.
      const copy = Uint8Array.from(bytes);
      try {
        const result = await new Promise<SanitizeResult>((resolve, reject) => {
          slot.pending.set(id, { resolve, reject });
          slot.busy++;
          slot.worker.postMessage({ id, bytes: copy, mime, maxPixels }, [copy.buffer]);
        });
        done.threaded++;
        return result;
      } catch {
        return inline(bytes, mime, maxPixels);
      }
    },
    counts: () => ({ ...done }),
    async close() {
      closed = true;
      const current = slots;
      slots = [];
      await Promise.all(current.map((s) => s.worker.terminate()));
    },
  };
}

/** One pool per process, started on first use. */
let shared: ImageSanitizer | undefined;
export function sharedImageSanitizer(): ImageSanitizer {
  shared ??= createImageSanitizer({ native: true });
  return shared;
}
