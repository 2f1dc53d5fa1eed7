import { Rng, isGantryError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { featureMatrix, type FeatureMatrix } from "./feature-matrix.js";
import { kidBlock, mergeKidBlocks } from "./kid-blocks.js";
import { polynomialMmd2 } from "./kernel-inception-distance.js";

const block = (seed: number, rows: number, dim: number, shift: number): FeatureMatrix => {
  const rng = Rng.seeded(seed);
  return featureMatrix(Float32Array.from({ length: rows * dim }, () => shift + rng.nextNormal()), rows, dim);
};

describe("KID blocks", () => {
  const blocks = Array.from({ length: 12 }, (_, i) => kidBlock(i, block(100 + i, 40, 6, 0.3), block(200 + i, 40, 6, 0)));

  it("a block is the unbiased polynomial MMD² of its samples", () => {
    expect(blocks[3].mmd2).toBe(polynomialMmd2(block(103, 40, 6, 0.3), block(203, 40, 6, 0)));
    expect(blocks[3].rows).toBe(40);
  });

  it("merging shards' blocks in any order gives one process's mean ± std bit for bit", () => {
    const whole = mergeKidBlocks(blocks);
    const mean = blocks.reduce((s, b) => s + b.mmd2, 0) / 12;
    expect(whole.mean).toBe(mean);
    expect(whole.std).toBe(Math.sqrt(blocks.reduce((s, b) => s + (b.mmd2 - mean) ** 2, 0) / 12));
    expect(whole.blocks).toBe(12);
    const shards = [blocks.slice(7), blocks.slice(0, 2), blocks.slice(2, 7)];
    expect(mergeKidBlocks(shards.flat())).toEqual(whole);
    expect(whole.mean).toBeGreaterThan(0);
  });

  it("a block merged twice is KID_DUPLICATE_BLOCK; none is METRIC_NO_SHARDS", () => {
    try {
      mergeKidBlocks([...blocks, blocks[4]]);
      expect.unreachable();
    } catch (e) {
      expect(isGantryError(e, "KID_DUPLICATE_BLOCK")).toBe(true);
    }
    expect(() => mergeKidBlocks([])).toThrow(/no KID blocks/);
  });
});
