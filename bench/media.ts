// Files of realistic size for the simulated users, built in the process: a
// KTP photo as a phone sends it through WhatsApp (a 1280x800 JPEG of ~200 KB)
// and phone screenshots (720x1600 PNG, flat UI with lines of "text", ~200
// KB). Both are real, decodable images: the bot decodes and re-encodes every
// image to strip its metadata, so a fake header would be refused.
import { crc32, deflateSync } from "node:zlib";
import jpeg from "jpeg-js";

/** A small deterministic generator, so every run sends the same files. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A phone screenshot: a coloured app bar, then rows of dark "glyph" pixels on white. */
export function screenshotPng(seed: number, width = 720, height = 1600, ink = 0.2): Buffer {
  const next = random(seed);
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0; // filter: none
    const textRow = y % 40 >= 12 && y % 40 < 28;
    for (let x = 0; x < width; x++) {
      const o = y * stride + 1 + x * 3;
      if (y < 120) {
        raw[o] = 30;
        raw[o + 1] = 90;
        raw[o + 2] = 160;
        continue;
      }
      const v =
        textRow && x > 40 && x < width - 40 && next() < ink ? 40 + Math.floor(next() * 60) : 245;
      raw[o] = v;
      raw[o + 1] = v;
      raw[o + 2] = v;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(raw)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A photo-like JPEG: smooth shading with sensor noise, quality 85. */
export function ktpJpeg(seed: number, width = 1280, height = 800, noise = 20): Buffer {
  const next = random(seed);
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const base = 120 + 60 * Math.sin(x / 50 + seed) + 40 * Math.cos(y / 37);
      const v = Math.max(0, Math.min(255, base + (next() - 0.5) * noise));
      data[o] = v;
      data[o + 1] = Math.min(255, v + 20);
      data[o + 2] = Math.max(0, v - 30);
      data[o + 3] = 255;
    }
  }
  return Buffer.from(jpeg.encode({ width, height, data }, 85).data);
}

export interface MediaSet {
  ktp: Buffer[];
  screenshots: Buffer[];
}

/**
 * A few variants of each file, shared by all users: a thousand users with
 * three distinct files each would hold ~600 MB in the load generator alone.
 * Every upload is still checked, re-encoded, encrypted and stored on its own.
 */
export function mediaSet(variants = 3): MediaSet {
  const ktp: Buffer[] = [];
  const screenshots: Buffer[] = [];
  for (let i = 0; i < variants; i++) {
    ktp.push(ktpJpeg(i + 1));
    screenshots.push(screenshotPng(i + 1));
  }
  return { ktp, screenshots };
}
