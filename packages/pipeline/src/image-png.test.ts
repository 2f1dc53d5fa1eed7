// One sample as one PNG: decoded back with fast-png, every pixel is the sample's value mapped to 0–255
// as the sample grids map it (values beyond ±1 clipped).
import { decode } from "fast-png";
import { describe, expect, it } from "vitest";
import { imagePng } from "./sample-image.js";

const toByte = (v: number): number => Math.max(0, Math.min(255, Math.round((v + 1) * 127.5)));

describe("imagePng", () => {
  it.each([1, 3])("writes %i-channel samples that decode to the same pixels", (c) => {
    const [h, w] = [5, 7];
    const values = Float32Array.from({ length: h * w * c }, (_, i) => Math.sin(i) * 1.2);
    const img = decode(imagePng(values, h, w, c));
    expect([img.height, img.width, img.channels, img.depth]).toEqual([h, w, c, 8]);
    expect(Array.from(img.data)).toEqual(Array.from(values, toByte));
  });

  it("keeps the first three channels of a 4-channel sample", () => {
    const values = Float32Array.from([0.1, 0.2, 0.3, 0.9, -0.5, -0.6, -0.7, 0.9]);
    const img = decode(imagePng(values, 1, 2, 4));
    expect(img.channels).toBe(3);
    expect(Array.from(img.data)).toEqual([0.1, 0.2, 0.3, -0.5, -0.6, -0.7].map(toByte));
  });
});
