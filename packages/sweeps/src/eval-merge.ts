// Combines a run's evaluation shards: the float64 moments of each side merged in shard order (Chan et
// al.), then FID (Heusel et al. 2017, eq. 6); the KID blocks pooled, then mean ± std. Equal to one process
// evaluating every batch: FID to rounding (~1e-14 relative), KID bit for bit. It evaluates nothing.
import { existsSync, readFileSync } from "node:fs";
import { GantryError, type LinearAlgebra } from "@gantry/core";
import { RunningMoments, decodeMoments, frechetDistance, mergeKidBlocks, mergeMoments } from "@gantry/metrics";
import { SHARD_FORMAT, shardFile, type EvalRef, type ShardRecord } from "./eval-shard.js";

export interface MergedEval {
  readonly fid: number;
  readonly kid: number;
  readonly kidStd: number;
  /** Generated (and reference) samples over all shards. */
  readonly n: number;
  readonly step: number;
  readonly extractor: string;
}

export type EvalState =
  | { readonly complete: true; readonly result: MergedEval }
  | { readonly complete: false; readonly missing: readonly number[] };

export function readShards(run: string, plan: EvalRef): (ShardRecord | undefined)[] {
  return Array.from({ length: plan.shards }, (_, i) => {
    const file = shardFile(run, plan, i);
    if (!existsSync(file)) return undefined;
    const record = JSON.parse(readFileSync(file, "utf8")) as ShardRecord;
    return record.format === SHARD_FORMAT ? record : undefined;
  });
}

/** `linearAlgebra`: FID's eigendecompositions (JavaScript by default; the CLI passes LAPACK where built). */
export function mergeEval(run: string, plan: EvalRef, linearAlgebra?: LinearAlgebra): EvalState {
  const shards = readShards(run, plan);
  const missing = shards.flatMap((s, i) => (s ? [] : [i]));
  if (missing.length) return { complete: false, missing };
  return { complete: true, result: mergeShardRecords(shards as ShardRecord[], run, linearAlgebra) };
}

/** FID and KID of complete shards (given in shard order). */
export function mergeShardRecords(shards: readonly ShardRecord[], where = "<shards>", linearAlgebra?: LinearAlgebra): MergedEval {
  const { step, extractor } = shards[0];
  if (shards.some((s) => s.step !== step || s.extractor !== extractor)) {
    throw new GantryError("EVAL_MIXED_SHARDS", "the shards evaluated different checkpoints or feature extractors", {
      where: { file: where }, hint: "delete the run's eval/<name>/ folder and evaluate again",
    });
  }
  const statistics = (side: "generated" | "reference") =>
    RunningMoments.fromState(mergeMoments(shards.map((s) => decodeMoments(s[side], where)))).statistics();
  const generated = statistics("generated");
  const fid = frechetDistance(generated, statistics("reference"), { linearAlgebra }).fid;
  const kid = mergeKidBlocks(shards.flatMap((s) => s.kid));
  return { fid, kid: kid.mean, kidStd: kid.std, n: generated.n, step, extractor };
}
