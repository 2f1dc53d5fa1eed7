import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runEvalShard } from "./eval-shard.js";
import { materializeSweep } from "./plan-sweep.js";
import { resultsCsvByRun, resultsCsvBySetting, resultsMarkdown } from "./results-table.js";
import { readResult, runPath } from "./run-store.js";
import { loadSweepFile } from "./sweep-file.js";
import { collectResults, meanStd } from "./sweep-results.js";
import { toyPrepare, toySpec } from "./test-support/toy-training.js";
import { runTrainJob, trainJobData } from "./train-job.js";

describe("meanStd", () => {
  it("is the mean and the sample (n − 1) standard deviation; one value has no std", () => {
    expect(meanStd([1, 2, 3, 4])).toEqual({ mean: 2.5, std: Math.sqrt(5 / 3), n: 4 });
    expect(meanStd([7])).toEqual({ mean: 7, n: 1 });
  });
});

describe("sweep results", () => {
  it("tables every planned run from the run store, and per setting the mean ± std over seeds", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gantry-results-"));
    writeFileSync(join(dir, "toy.yaml"), toySpec(6, 3));
    writeFileSync(join(dir, "sweep.yaml"), "name: toys\nbase: toy.yaml\nseeds: [1, 2, 3]\ngrid: { nodes.train.params.steps: [6, 8] }\n");
    const plan = materializeSweep(loadSweepFile(join(dir, "sweep.yaml")));
    const runsDir = join(dir, "runs");
    const prepare = toyPrepare();
    // Settings steps=6: all three seeds done; steps=8: seed 1 done, seed 2 stopped at step 4, seed 3 not started.
    for (const run of plan.runs.slice(0, 4)) await runTrainJob(trainJobData("toys", run), { runsDir, prepare });
    const stop = new AbortController();
    await runTrainJob(trainJobData("toys", plan.runs[4]), { runsDir, prepare, signal: stop.signal, onProgress: (s) => s === 4 && stop.abort() });
    await runEvalShard({ sweep: "toys", runId: plan.runs[0].id, plan: { name: "fid", samples: 400, batchSize: 100, shards: 1, seed: 0 }, shard: 0 }, { runsDir, prepare });

    const results = collectResults(runsDir, "toys", plan.runs);
    expect(results.rows.map((r) => r.state)).toEqual(["done", "done", "done", "done", "started", "pending"]);
    expect(results.rows[4].step).toBe(4);
    expect(results.columns).toEqual(["final.meanX", "final.meanY", "eval.fid.fid", "eval.fid.kid", "eval.fid.kidStd"]);
    const xs = plan.runs.slice(0, 3).map((r) => readResult(runPath(runsDir, "toys", r.id))!.metrics.final.meanX);
    expect(results.settings[0]).toMatchObject({ runs: 3, done: 3, values: { "final.meanX": meanStd(xs) } });
    expect(results.settings[1]).toMatchObject({ runs: 3, done: 1 });
    expect(results.settings[1].values["final.meanX"].std).toBeUndefined();

    const md = resultsMarkdown("toys", results);
    expect(md).toMatch(/^## Sweep toys: 4\/6 runs done/);
    expect(md).toContain("| setting | runs done | final.meanX | final.meanY | eval.fid.fid | eval.fid.kid | eval.fid.kidStd |");
    expect(md).toMatch(/\| steps=6 \| 3\/3 \| -?\d\.\d+ ± \d/);
    expect(md).toContain(`| ${plan.runs[5].id} | 3 | steps=8 | pending |`);
    const byRun = resultsCsvByRun(results).trim().split("\n");
    expect(byRun[0]).toBe("run,seed,setting,state,step,attempts,wall_seconds,final.meanX,final.meanY,eval.fid.fid,eval.fid.kid,eval.fid.kidStd");
    expect(byRun).toHaveLength(7);
    expect(Number(byRun[1].split(",")[7])).toBe(xs[0]);
    const bySetting = resultsCsvBySetting(results).trim().split("\n");
    expect(bySetting[0]).toBe("setting,key,runs,done,final.meanX_mean,final.meanX_std,final.meanY_mean,final.meanY_std,eval.fid.fid_mean,eval.fid.fid_std,eval.fid.kid_mean,eval.fid.kid_std,eval.fid.kidStd_mean,eval.fid.kidStd_std");
    expect(Number(bySetting[1].split(",")[4])).toBe(meanStd(xs).mean);
  });
});
