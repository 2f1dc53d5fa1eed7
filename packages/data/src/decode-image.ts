// Decodes one PNG (fast-png) or JPEG (jpeg-js) into 8-bit HWC pixels with 1 (gray) or 3 (RGB) channels:
// palettes expanded, 16-bit scaled to 8, packed 1/2/4-bit gray unpacked, alpha dropped, RGB → gray by
// ITU-R BT.601 luma (0.299, 0.587, 0.114) as PIL's convert("L"). No colour management (ICC ignored).
import { convertIndexedToRgb, decode as decodePng } from "fast-png";
import jpeg from "jpeg-js";
import { fileError } from "./data-error.js";

export interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  /** HWC uint8. */
  readonly data: Uint8Array;
}

interface Raw { width: number; height: number; channels: number; data: Uint8Array }

/** Decodes PNG or JPEG bytes (told apart by their signature) to `channels` channels. */
export function decodeImage(bytes: Uint8Array, file: string, channels: 1 | 3): Pixels {
  let raw: Raw;
  try {
    raw = isPng(bytes) ? pngToRaw(bytes) : isJpeg(bytes) ? jpegToRaw(bytes) : unknownFormat(file);
  } catch (e) {
    if ((e as Error).name === "GantryError") throw e;
    throw fileError("DATA_BAD_IMAGE", file, `cannot decode image (${(e as Error).message})`, "the file is corrupt or truncated; re-save it as PNG or JPEG", e);
  }
  checkRaw(raw, file);
  return { width: raw.width, height: raw.height, channels, data: toChannels(raw, channels) };
}

/** What the decoders accept but no image is: zero width or height (PNG forbids it; fast-png reads it), or pixels of an odd size. */
function checkRaw(raw: Raw, file: string): void {
  if (!(raw.width >= 1 && raw.height >= 1)) {
    throw fileError("DATA_BAD_IMAGE", file, `image is ${raw.width}×${raw.height} pixels`, "the header is damaged; re-save the image as PNG or JPEG");
  }
  if (!Number.isInteger(raw.channels) || raw.channels < 1 || raw.channels > 4) {
    throw fileError("DATA_BAD_IMAGE", file, `image decodes to ${raw.data.length} values for ${raw.width}×${raw.height} pixels`, "the file is corrupt; re-save it as PNG or JPEG");
  }
}

const isPng = (b: Uint8Array) => b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
const isJpeg = (b: Uint8Array) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8;

function unknownFormat(file: string): never {
  throw fileError("DATA_BAD_IMAGE", file, "not a PNG or JPEG file (signature not recognised)", "convert the image to PNG or JPEG, or remove it from the folder");
}

function pngToRaw(bytes: Uint8Array): Raw {
  const png = decodePng(bytes);
  if (png.palette) {
    const rgb = convertIndexedToRgb(png);
    return { width: png.width, height: png.height, channels: rgb.length / (png.width * png.height), data: rgb };
  }
  const { width, height, channels } = png;
  if (png.depth === 16) return { width, height, channels, data: Uint8Array.from(png.data, (v) => v >>> 8) };
  if (png.depth === 8) return { width, height, channels, data: png.data as Uint8Array };
  return { width, height, channels, data: unpackBits(png.data as Uint8Array, width * channels, height, png.depth) };
}

/** Unpacks 1/2/4-bit samples (rows padded to whole bytes) and scales them to 0–255. */
function unpackBits(packed: Uint8Array, perRow: number, height: number, depth: number): Uint8Array {
  const out = new Uint8Array(perRow * height);
  const rowBytes = Math.ceil((perRow * depth) / 8);
  const max = (1 << depth) - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < perRow; x++) {
      const bit = x * depth;
      const byte = packed[y * rowBytes + (bit >> 3)];
      const v = (byte >> (8 - depth - (bit & 7))) & max;
      out[y * perRow + x] = Math.round((v * 255) / max);
    }
  }
  return out;
}

function jpegToRaw(bytes: Uint8Array): Raw {
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false });
  return { width: img.width, height: img.height, channels: img.data.length / (img.width * img.height), data: img.data };
}

/** Drops alpha and converts gray ↔ RGB. */
function toChannels(raw: Raw, channels: 1 | 3): Uint8Array {
  const n = raw.width * raw.height;
  const c = raw.channels;
  if (c === channels) return raw.data;
  const out = new Uint8Array(n * channels);
  for (let p = 0; p < n; p++) {
    const s = p * c;
    if (c <= 2) {
      // gray (+ alpha)
      if (channels === 1) out[p] = raw.data[s];
      else out.fill(raw.data[s], 3 * p, 3 * p + 3);
    } else if (channels === 3) {
      out[3 * p] = raw.data[s];
      out[3 * p + 1] = raw.data[s + 1];
      out[3 * p + 2] = raw.data[s + 2];
    } else {
      out[p] = Math.round(0.299 * raw.data[s] + 0.587 * raw.data[s + 1] + 0.114 * raw.data[s + 2]);
    }
  }
  return out;
}
