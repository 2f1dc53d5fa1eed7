// KID in blocks: the samples are cut into disjoint blocks of m generated and m reference features, each
// block gives one unbiased MMD² with the cubic polynomial kernel (Bińkowski et al. 2018; Gretton et al.
// 2012, eq. 3), and KID is their mean ± std. Unlike random subsets of the whole set, a block needs only
// its own samples, so shards compute the blocks they own and the merge is exact (same bits for any
// sharding). It does not draw samples.
import { GantryError } from "@gantry/core";
import type { FeatureMatrix } from "./feature-matrix.js";
import { polynomialMmd2 } from "./kernel-inception-distance.js";

export interface KidBlock {
  /** The block's position in the whole evaluation (its batch index); the merge orders by it. */
  readonly index: number;
  readonly mmd2: number;
  /** Generated and reference samples in the block. */
  readonly rows: number;
}

export interface KidBlocksResult {
  readonly mean: number;
  /** Population std over blocks, as kernelInceptionDistance's std over subsets. */
  readonly std: number;
  readonly blocks: number;
}

export function kidBlock(index: number, fake: FeatureMatrix, real: FeatureMatrix): KidBlock {
  return { index, mmd2: polynomialMmd2(fake, real), rows: Math.min(fake.rows, real.rows) };
}

/** Mean ± std of the blocks in index order; a block index seen twice is an error (a shard merged twice). */
export function mergeKidBlocks(blocks: readonly KidBlock[]): KidBlocksResult {
  if (blocks.length === 0) {
    throw new GantryError("METRIC_NO_SHARDS", "no KID blocks to merge", { hint: "evaluate at least one shard first" });
  }
  const sorted = [...blocks].sort((a, b) => a.index - b.index);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].index === sorted[i - 1].index) {
      throw new GantryError("KID_DUPLICATE_BLOCK", `KID block ${sorted[i].index} appears twice`, {
        hint: "each shard owns distinct blocks: merge each shard's result once",
      });
    }
  }
  const mean = sorted.reduce((s, b) => s + b.mmd2, 0) / sorted.length;
  const std = Math.sqrt(sorted.reduce((s, b) => s + (b.mmd2 - mean) ** 2, 0) / sorted.length);
  return { mean, std, blocks: sorted.length };
}
