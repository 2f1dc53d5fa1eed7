// The sample grid, decoded pixel by pixel: tile placement (2-px padding, row-major), the [−1, 1] → 0…255
// mapping with clamping, grey and RGB channels, and the background of padding and empty tiles.
import { decode } from "fast-png";
import { describe, expect, it } from "vitest";
import { imageGridPng } from "./sample-image.js";

/** The decoded PNG as rows of [r, g, b] pixels. */
function pixels(png: Uint8Array): { width: number; height: number; rows: number[][][] } {
  const img = decode(png);
  expect([img.channels, img.depth]).toEqual([3, 8]);
  const rows = Array.from({ length: img.height }, (_, y) =>
    Array.from({ length: img.width }, (_, x) => Array.from(img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3))));
  return { width: img.width, height: img.height, rows };
}

describe("imageGridPng", () => {
  it("places three grey 2×2 images row-major in a 2×2 grid with 2-px padding, mapping [−1, 1] to 0…255", () => {
    const images = Float32Array.from([
      -1, 0, 1, 0.5, //     image 0: top left
      2, -3, 0.25, -0.25, // image 1: top right (2 and −3 clamp)
      1, 1, -1, -1, //      image 2: bottom left; the bottom-right tile stays empty
    ]);
    const { width, height, rows } = pixels(imageGridPng(images, [3, 2, 2, 1]));
    // (v + 1)·127.5 rounded: −1 → 0, 0 → 128, 1 → 255, 0.5 → 191, 0.25 → 159, −0.25 → 96; "." is the background 32.
    const byte: Record<string, number> = { ".": 32, a: 0, b: 128, c: 255, d: 191, e: 159, f: 96 };
    const expected = [
      "..........",
      "..........",
      "..ab..ca..",
      "..cd..ef..",
      "..........",
      "..........",
      "..cc......",
      "..aa......",
      "..........",
      "..........",
    ];
    expect([width, height]).toEqual([10, 10]);
    expect(rows.map((row) => row.map(([r, g, b]) => {
      expect([g, b]).toEqual([r, r]); // grey: the one channel is copied to r, g and b
      return Object.keys(byte).find((k) => byte[k] === r) ?? `?${r}`;
    }).join(""))).toEqual(expected);
  });

  it("keeps RGB channels apart and honours an explicit column count", () => {
    const images = Float32Array.from([1, -1, 0, /**/ 0.5, 0.25, -0.25]);
    const { width, height, rows } = pixels(imageGridPng(images, [2, 1, 1, 3], 1));
    expect([width, height]).toEqual([5, 8]); // one column: 2 + 1 + 2 wide, 2 + (1 + 2)·2 high
    expect(rows[2][2]).toEqual([255, 0, 128]);
    expect(rows[5][2]).toEqual([191, 159, 96]);
    for (const [y, x] of [[0, 0], [2, 1], [2, 3], [3, 2], [4, 2], [7, 4]]) expect(rows[y][x], `(${x}, ${y})`).toEqual([32, 32, 32]);
  });
});
