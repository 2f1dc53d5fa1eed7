import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isGantryError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { mergeEval } from "./eval-merge.js";
import { runEvalShard, shardBatches, shardFile, type EvalPlan } from "./eval-shard.js";
import { runPath } from "./run-store.js";
import { toyPrepare, toySpec } from "./test-support/toy-training.js";
import { runTrainJob } from "./train-job.js";

const prepare = toyPrepare();
const plan = (name: string, shards: number): EvalPlan => ({ name, samples: 1030, batchSize: 100, shards, seed: 9 });

describe("shardBatches", () => {
  it("splits the batches into contiguous, disjoint, covering ranges", () => {
    for (const shards of [1, 2, 3, 7, 11]) {
      const ranges = Array.from({ length: shards }, (_, i) => shardBatches(plan("x", shards), i));
      expect(ranges[0][0]).toBe(0);
      expect(ranges.at(-1)![1]).toBe(11);
      for (let i = 1; i < shards; i++) expect(ranges[i][0]).toBe(ranges[i - 1][1]);
      for (const [a, b] of ranges) expect(b).toBeGreaterThan(a);
    }
  });
});

describe("sharded evaluation", () => {
  it("FID over 3 shards equals one shard's to 1e-10 relative, KID bit for bit", async () => {
    const runsDir = mkdtempSync(join(tmpdir(), "gantry-eval-"));
    await runTrainJob({ sweep: "toys", runId: "r", seed: 3, setting: "k", label: "", overrides: {}, specText: toySpec(10) }, { runsDir, prepare });
    const ctx = { runsDir, prepare };
    await runEvalShard({ sweep: "toys", runId: "r", plan: plan("single", 1), shard: 0 }, ctx);
    // Shards in another order than their index, as workers would finish them.
    for (const shard of [2, 0, 1]) await runEvalShard({ sweep: "toys", runId: "r", plan: plan("sharded", 3), shard }, ctx);
    const run = runPath(runsDir, "toys", "r");
    const single = mergeEval(run, plan("single", 1));
    const sharded = mergeEval(run, plan("sharded", 3));
    if (!single.complete || !sharded.complete) throw new Error("incomplete");
    expect(sharded.result.n).toBe(1030);
    expect(single.result.fid).toBeGreaterThan(1);
    // 1e-10 is the bar; the sides differ only in the order of float64 moment merges (~1e-15).
    expect(Math.abs(sharded.result.fid - single.result.fid) / single.result.fid).toBeLessThan(1e-10);
    expect(sharded.result.kid).toBe(single.result.kid);
    expect(sharded.result.kidStd).toBe(single.result.kidStd);
    expect(sharded.result).toMatchObject({ step: 10, extractor: "raw" });
  });

  it("a re-delivered shard is not evaluated again; a missing shard is reported; an unfinished run is refused", async () => {
    const runsDir = mkdtempSync(join(tmpdir(), "gantry-eval-"));
    await runTrainJob({ sweep: "toys", runId: "r", seed: 3, setting: "k", label: "", overrides: {}, specText: toySpec(4) }, { runsDir, prepare });
    const p = plan("fid", 2);
    await runEvalShard({ sweep: "toys", runId: "r", plan: p, shard: 1 }, { runsDir, prepare });
    const file = shardFile(runPath(runsDir, "toys", "r"), p, 1);
    const written = statSync(file).mtimeMs;
    await runEvalShard({ sweep: "toys", runId: "r", plan: p, shard: 1 }, { runsDir, prepare });
    expect(statSync(file).mtimeMs).toBe(written);
    expect(mergeEval(runPath(runsDir, "toys", "r"), p)).toEqual({ complete: false, missing: [0] });
    const err = await runEvalShard({ sweep: "toys", runId: "nope", plan: p, shard: 0 }, { runsDir, prepare }).catch((e: unknown) => e);
    expect(isGantryError(err, "EVAL_RUN_NOT_DONE")).toBe(true);
  });
});
