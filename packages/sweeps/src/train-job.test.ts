import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isGantryError } from "@gantry/core";
import { listCheckpoints, readJsonl } from "@gantry/pipeline";
import { describe, expect, it } from "vitest";
import { readAttempts, readResult, runPath } from "./run-store.js";
import { toyPrepare, toySpec } from "./test-support/toy-training.js";
import { runTrainJob, type TrainJobData } from "./train-job.js";

const prepare = toyPrepare();
const job = (runId: string, steps = 20): TrainJobData => ({
  sweep: "toys", runId, seed: 3, setting: "abcd1234", label: `steps=${steps}`, overrides: { "nodes.train.params.steps": steps }, specText: toySpec(steps),
});
const finalTensorBytes = (run: string): Buffer => readFileSync(join(listCheckpoints(join(run, "checkpoints")).at(-1)!.path, "params.safetensors"));
const steps = (run: string): number[] => readJsonl<{ type: string; step: number }>(join(run, "events.jsonl")).filter((e) => e.type === "step").map((e) => e.step);

describe("runTrainJob", () => {
  it("trains a run into runs-dir/<sweep>/<id>/ and records result.json; a second delivery trains nothing", async () => {
    const runsDir = mkdtempSync(join(tmpdir(), "gantry-train-job-"));
    const first = await runTrainJob(job("s3-a"), { runsDir, prepare, worker: "w1" });
    expect(first.status).toBe("completed");
    const path = runPath(runsDir, "toys", "s3-a");
    const result = readResult(path)!;
    expect(result).toMatchObject({ sweep: "toys", runId: "s3-a", seed: 3, step: 20, totalSteps: 20, backend: "cpu", attempts: [{ worker: "w1", fromStep: 0 }] });
    expect(Object.keys(result.metrics.final)).toEqual(["meanX", "meanY"]);
    expect(steps(path)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const again = await runTrainJob(job("s3-a"), { runsDir, prepare, worker: "w2" });
    expect(again).toEqual(first);
    expect(readAttempts(path)).toHaveLength(1);
    expect(steps(path)).toHaveLength(20);
  });

  it("resumes an interrupted run from its checkpoint to the uninterrupted run's parameters, bit for bit", async () => {
    const runsDir = mkdtempSync(join(tmpdir(), "gantry-train-job-"));
    await runTrainJob(job("whole", 23), { runsDir, prepare });
    const controller = new AbortController();
    const stopped = await runTrainJob(job("split", 23), {
      runsDir, prepare, worker: "w1", signal: controller.signal, onProgress: (step) => step === 12 && controller.abort(),
    });
    expect(stopped).toEqual({ status: "interrupted", step: 12 });
    const path = runPath(runsDir, "toys", "split");
    expect(readResult(path)).toBeUndefined();
    const done = await runTrainJob(job("split", 23), { runsDir, prepare, worker: "w2", attempt: 2 });
    expect(done.status).toBe("completed");
    expect(readAttempts(path).map((a) => [a.worker, a.attempt, a.fromStep])).toEqual([["w1", 1, 0], ["w2", 2, 12]]);
    expect(steps(path)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect(finalTensorBytes(path).equals(finalTensorBytes(runPath(runsDir, "toys", "whole")))).toBe(true);
    const result = readResult(path)!;
    expect(result.attempts).toEqual([{ worker: "w1", fromStep: 0 }, { worker: "w2", fromStep: 12 }]);
    expect(result.metrics).toEqual(readResult(runPath(runsDir, "toys", "whole"))!.metrics);
  });

  it("starts over (logs cleared) when an attempt died before its first checkpoint", async () => {
    const runsDir = mkdtempSync(join(tmpdir(), "gantry-train-job-"));
    const path = runPath(runsDir, "toys", "early");
    mkdirSync(join(path, "checkpoints"), { recursive: true });
    writeFileSync(join(path, "spec.yaml"), toySpec(6));
    writeFileSync(join(path, "events.jsonl"), '{"type":"step","step":1}\n{"type":"step","step":2}\n');
    await runTrainJob(job("early", 6), { runsDir, prepare });
    expect(steps(path)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("refuses a run folder that holds another spec", async () => {
    const runsDir = mkdtempSync(join(tmpdir(), "gantry-train-job-"));
    const controller = new AbortController();
    controller.abort();
    await runTrainJob(job("x", 6), { runsDir, prepare, signal: controller.signal });
    const err = await runTrainJob(job("x", 7), { runsDir, prepare }).catch((e: unknown) => e);
    expect(isGantryError(err, "RUN_SPEC_MISMATCH")).toBe(true);
  });
});
