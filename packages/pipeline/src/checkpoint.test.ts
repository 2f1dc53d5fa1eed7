import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isGantryError, tf } from "@gantry/core";
import { describeBackends, expectNoTensorLeak, hasPythonModules } from "@gantry/testing";
import { expect, it } from "vitest";
import { latestCheckpoint, listCheckpoints, pruneCheckpoints, readCheckpoint, writeCheckpoint } from "./checkpoint.js";

const root = () => mkdtempSync(join(tmpdir(), "gantry-ckpt-"));
const state = () => ({
  tensors: { "generator/params/dense0/kernel": tf.tensor2d([[1, 2, 3], [4, 5, 6]]), "dOpt/step": tf.scalar(7, "int32") },
  json: { step: 3, rng: { kind: "xoshiro128**", s: [1, 2, 3, 4] } },
});


describeBackends("checkpoints", () => {
  it("round-trips every tensor and the JSON state, leaving no temporary folder", async () => {
    const dir = root();
    const s = state();
    await writeCheckpoint(dir, s, { step: 3, specHash: "abc" });
    tf.dispose(Object.values(s.tensors));
    expect(readdirSync(dir)).toEqual(["step-000003"]);
    await expectNoTensorLeak(() => {
      const { meta, state: back } = readCheckpoint(join(dir, "step-000003"));
      expect(meta).toEqual({ step: 3, specHash: "abc" });
      expect(back.json).toEqual({ step: 3, rng: { kind: "xoshiro128**", s: [1, 2, 3, 4] } });
      expect(back.tensors["generator/params/dense0/kernel"].arraySync()).toEqual([[1, 2, 3], [4, 5, 6]]);
      expect(back.tensors["dOpt/step"].dtype).toBe("int32");
      tf.dispose(Object.values(back.tensors));
    });
  });

  it("detects a damaged tensor file and falls back to the previous checkpoint", async () => {
    const dir = root();
    for (const step of [1, 2]) {
      const s = state();
      await writeCheckpoint(dir, s, { step, specHash: "h" });
      tf.dispose(Object.values(s.tensors));
    }
    writeFileSync(join(dir, "step-000002", "params.safetensors"), "garbage");
    const err = (() => { try { readCheckpoint(join(dir, "step-000002")); } catch (e) { return e; } })();
    expect(isGantryError(err, "CHECKPOINT_CORRUPT")).toBe(true);
    const warnings: string[] = [];
    const found = latestCheckpoint(dir, (m) => warnings.push(m))!;
    expect(found.meta.step).toBe(1);
    expect(warnings[0]).toMatch(/skipping damaged checkpoint .*step-000002/);
    tf.dispose(Object.values(found.state.tensors));
  });

  it("ignores half-written temporary folders and prunes to the newest N", async () => {
    const dir = root();
    for (const step of [5, 10, 15]) {
      const s = state();
      await writeCheckpoint(dir, s, { step, specHash: "h" });
      tf.dispose(Object.values(s.tensors));
    }
    mkdirSync(join(dir, ".tmp-step-000020-999999"));
    mkdirSync(join(dir, "step-000025")); // no state.json: a crash before completion
    expect(listCheckpoints(dir).map((c) => c.step)).toEqual([5, 10, 15]);
    pruneCheckpoints(dir, 2);
    expect(listCheckpoints(dir).map((c) => c.step)).toEqual([10, 15]);
    expect(existsSync(join(dir, ".tmp-step-000020-999999"))).toBe(false);
  });

  it.skipIf(!hasPythonModules("numpy"))("reads back in NumPy with a few lines following the safetensors format", async () => {
    const dir = root();
    const s = state();
    await writeCheckpoint(dir, s, { step: 3, specHash: "h" });
    tf.dispose(Object.values(s.tensors));
    const script = [
      "import json, struct, sys, numpy as np",
      "b = open(sys.argv[1], 'rb').read()",
      "n = struct.unpack('<Q', b[:8])[0]; h = json.loads(b[8:8+n]); data = b[8+n:]",
      "dt = {'F32': '<f4', 'F64': '<f8', 'I32': '<i4', 'U8': 'u1'}",
      "out = {k: np.frombuffer(data[v['data_offsets'][0]:v['data_offsets'][1]], dtype=dt[v['dtype']]).reshape(v['shape']).tolist() for k, v in h.items() if k != '__metadata__'}",
      "print(json.dumps(out))",
    ].join("\n");
    const out = JSON.parse(execFileSync("python3", ["-c", script, join(dir, "step-000003", "params.safetensors")], { encoding: "utf8" }));
    expect(out["generator/params/dense0/kernel"]).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(out["dOpt/step"]).toEqual(7);
  });
}, { only: ["cpu"] });
