import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tf } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { encode as encodePng } from "fast-png";
import jpeg from "jpeg-js";
import { expect, it } from "vitest";
import { imageFolder } from "./image-folder.js";

const root = mkdtempSync(join(tmpdir(), "gantry-imgs-"));
const pixels = (n: number, f: (i: number) => number) => Uint8Array.from({ length: n }, (_, i) => f(i) & 255);

// a_dog/ (label 0): two RGB PNGs 4×4 ; b_cat/ (label 1): one gray PNG, one 16-bit PNG, one JPEG.
const rgb1 = pixels(48, (i) => i * 5);
const rgb2 = pixels(48, (i) => 255 - i * 3);
const gray = pixels(16, (i) => i * 16);
const deep = Uint16Array.from({ length: 48 }, (_, i) => i * 1300);
const jpg = pixels(64, (i) => (i % 4 === 3 ? 255 : i * 4));

mkdirSync(join(root, "set/a_dog"), { recursive: true });
mkdirSync(join(root, "set/b_cat/nested"), { recursive: true });
writeFileSync(join(root, "set/a_dog/1.png"), encodePng({ width: 4, height: 4, data: rgb1, channels: 3, depth: 8 }));
writeFileSync(join(root, "set/a_dog/2.PNG"), encodePng({ width: 4, height: 4, data: rgb2, channels: 3, depth: 8 }));
writeFileSync(join(root, "set/a_dog/notes.txt"), "ignored");
writeFileSync(join(root, "set/b_cat/gray.png"), encodePng({ width: 4, height: 4, data: gray, channels: 1, depth: 8 }));
writeFileSync(join(root, "set/b_cat/nested/deep.png"), encodePng({ width: 4, height: 4, data: deep, channels: 3, depth: 16 }));
const jpgBytes = jpeg.encode({ width: 4, height: 4, data: jpg }, 90).data;
writeFileSync(join(root, "set/b_cat/photo.jpg"), jpgBytes);
mkdirSync(join(root, "empty/cls"), { recursive: true });
mkdirSync(join(root, "broken"));
writeFileSync(join(root, "broken/x.png"), encodePng({ width: 4, height: 4, data: gray, channels: 1, depth: 8 }).subarray(0, 40));

// 6×4 (H×W) image for crop+resize: pixel values are multiples of 4 so 2×2 block means are integers.
const wide = pixels(24, (i) => 4 * ((i * 7) % 64));
mkdirSync(join(root, "wide"));
writeFileSync(join(root, "wide/w.png"), encodePng({ width: 4, height: 6, data: wide, channels: 1, depth: 8 }));

mkdirSync(join(root, "mixed"));
writeFileSync(join(root, "mixed/a.png"), encodePng({ width: 4, height: 4, data: gray, channels: 1, depth: 8 }));
writeFileSync(join(root, "mixed/b.png"), encodePng({ width: 4, height: 6, data: wide, channels: 1, depth: 8 }));

describeBackends("image folder", () => {
  it("reads PNGs (8/16-bit, gray, RGB) and JPEGs back exactly at their own size, labels from sorted sub-folders", async () => {
    const d = imageFolder({ dir: join(root, "set") });
    expect(d.info.sampleShape).toEqual([4, 4, 3]);
    expect(d.info.size).toBe(5);
    expect(d.info.numClasses).toBe(2);
    expect(d.source.classNames).toEqual(["a_dog", "b_cat"]);
    // Files: a_dog/1.png, a_dog/2.PNG, b_cat/gray.png, b_cat/nested/deep.png, b_cat/photo.jpg (sorted walk).
    expect(Array.from(d.source.labels!)).toEqual([0, 0, 1, 1, 1]);
    const x = d.source.x;
    expect(x.subarray(0, 48)).toEqual(rgb1);
    expect(x.subarray(48, 96)).toEqual(rgb2);
    expect(x.subarray(96, 144)).toEqual(Uint8Array.from({ length: 48 }, (_, i) => gray[Math.floor(i / 3)]));
    expect(x.subarray(144, 192)).toEqual(Uint8Array.from(deep, (v) => v >>> 8));
    const decoded = jpeg.decode(jpgBytes, { useTArray: true, formatAsRGBA: false }).data;
    expect(x.subarray(192, 240)).toEqual(decoded);
  });

  it("converts to grayscale with BT.601 luma", () => {
    const d = imageFolder({ dir: join(root, "set"), channels: 1 });
    expect(d.info.sampleShape).toEqual([4, 4, 1]);
    for (let p = 0; p < 16; p++) expect(d.source.x[p]).toBe(Math.round(0.299 * rgb1[3 * p] + 0.587 * rgb1[3 * p + 1] + 0.114 * rgb1[3 * p + 2]));
  });

  it("center-crops to the target aspect and resizes bilinearly (== 2×2 block means here)", async () => {
    await expectNoTensorLeak(() => {
      const d = imageFolder({ dir: join(root, "wide"), size: 2, channels: 1 });
      // 6×4 → centre 4×4 crop (rows 1–4) → 2×2: with half-pixel centres, halving samples block centres.
      const block = (by: number, bx: number) => {
        let s = 0;
        for (let y = 0; y < 2; y++) for (let x = 0; x < 2; x++) s += wide[(1 + 2 * by + y) * 4 + 2 * bx + x];
        return s / 4;
      };
      expect(Array.from(d.source.x)).toEqual([block(0, 0), block(0, 1), block(1, 0), block(1, 1)]);
    });
  });

  it("streams batches in [−1, 1] with labels", async () => {
    const d = imageFolder({ dir: join(root, "set"), batchSize: 5 });
    await expectNoTensorLeak(async () => {
      const { value } = await d.stream().next();
      expect(value.x.shape).toEqual([5, 4, 4, 3]);
      const v = await value.x.data();
      expect(Math.min(...v)).toBeGreaterThanOrEqual(-1);
      expect(Math.max(...v)).toBeLessThanOrEqual(1);
      tf.dispose([value.x, value.y!]);
    });
  });

  it("names the folder or file for empty folders, broken images and mixed sizes", () => {
    expect(() => imageFolder({ dir: join(root, "empty") })).toThrow(expect.objectContaining({ code: "DATA_EMPTY", where: expect.objectContaining({ file: join(root, "empty") }) }));
    expect(() => imageFolder({ dir: join(root, "broken") })).toThrow(expect.objectContaining({ code: "DATA_BAD_IMAGE", where: expect.objectContaining({ file: join(root, "broken/x.png") }) }));
    expect(() => imageFolder({ dir: join(root, "mixed") })).toThrow(expect.objectContaining({ code: "DATA_BAD_SHAPE", where: expect.objectContaining({ file: join(root, "mixed/b.png") }) }));
    expect(imageFolder({ dir: join(root, "mixed"), size: [3, 3] }).info.sampleShape).toEqual([3, 3, 3]);
    expect(() => imageFolder({ dir: join(root, "nope") })).toThrow(expect.objectContaining({ code: "DATA_NOT_FOUND" }));
  });
});
