import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isGantryError, tf } from "@gantry/core";
import { describeBackends, expectNoTensorLeak, hasPythonModules } from "@gantry/testing";
import { expect, it } from "vitest";
import {
  latestCheckpoint, listCheckpoints, nodeCheckpointWriter, pruneCheckpoints, readCheckpoint, writeCheckpoint,
  type CheckpointWriter,
} from "./checkpoint.js";

const root = () => mkdtempSync(join(tmpdir(), "gantry-ckpt-"));
const state = () => ({
  tensors: { "generator/params/dense0/kernel": tf.tensor2d([[1, 2, 3], [4, 5, 6]]), "dOpt/step": tf.scalar(7, "int32") },
  json: { step: 3, rng: { kind: "xoshiro128**", s: [1, 2, 3, 4] } },
});
/** A state that says which step it belongs to, in its tensors and its JSON. */
const stepState = (step: number) => ({
  tensors: { "generator/params/dense0/kernel": tf.tensor2d([[1, 2, 3], [4, 5, step]]), "dOpt/step": tf.scalar(step, "int32") },
  json: { step, rng: { kind: "xoshiro128**", s: [1, 2, 3, step] } },
});

async function write(dir: string, step: number, writer?: CheckpointWriter): Promise<void> {
  const s = stepState(step);
  try {
    await writeCheckpoint(dir, s, { step, specHash: "h" }, writer);
  } finally {
    tf.dispose(Object.values(s.tensors));
  }
}

/** An error as Node's fs throws it. */
const errno = (code: string, syscall: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: simulated, ${syscall}`), { code, syscall, errno: -1 });

/** Node's writer, failing with `error` on the first call of `op` whose path ends with `suffix`. */
function failing(op: keyof CheckpointWriter, suffix: string, error: Error): CheckpointWriter {
  return { ...nodeCheckpointWriter, [op]: (path: string, data: never) => {
    if (path.endsWith(suffix)) throw error;
    return (nodeCheckpointWriter[op] as (p: string, d: never) => void)(path, data);
  } };
}

class Crash extends Error {}

/**
 * Node's writer that "dies" at its n-th call (a file write at that point is left half written) and
 * refuses every later call, the way a SIGKILLed process runs no cleanup. `calls` counts what it did.
 */
function dyingAt(n: number): CheckpointWriter & { calls: number } {
  const w = { calls: 0 } as CheckpointWriter & { calls: number };
  for (const op of Object.keys(nodeCheckpointWriter) as (keyof CheckpointWriter)[]) {
    (w as unknown as Record<string, unknown>)[op] = (path: string, arg: never) => {
      if (w.calls >= n) throw new Crash("already dead");
      if (++w.calls === n) {
        if (op === "writeFile") writeFileSync(path, (arg as Uint8Array).subarray(0, (arg as Uint8Array).length >> 1));
        throw new Crash(`killed at call ${n} (${op} ${path})`);
      }
      return (nodeCheckpointWriter[op] as (p: string, a: never) => void)(path, arg);
    };
  }
  return w;
}


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
    mkdirSync(join(dir, "step-000015.old-999999")); // a rewrite of step 15 killed after it completed
    mkdirSync(join(dir, "step-000030.old-999999")); // ... killed between its renames: the only copy
    expect(listCheckpoints(dir).map((c) => c.step)).toEqual([5, 10, 15]);
    pruneCheckpoints(dir, 2);
    expect(listCheckpoints(dir).map((c) => c.step)).toEqual([10, 15]);
    expect(existsSync(join(dir, ".tmp-step-000020-999999"))).toBe(false);
    expect(existsSync(join(dir, "step-000015.old-999999"))).toBe(false);
    expect(existsSync(join(dir, "step-000030.old-999999"))).toBe(true);
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

  it("on a full disk throws CHECKPOINT_WRITE_FAILED naming the checkpoint, leaves no temporary folder and keeps the previous one", async () => {
    const dir = root();
    await write(dir, 1);
    const err = await write(dir, 2, failing("writeFile", "state.json", errno("ENOSPC", "write"))).catch((e: unknown) => e);
    expect(isGantryError(err, "CHECKPOINT_WRITE_FAILED")).toBe(true);
    const message = (err as Error).message;
    expect(message).toContain(join(dir, "step-000002"));
    expect(message).toMatch(/cannot write the checkpoint of step 2: the disk is full \(ENOSPC\)/);
    expect(message).toContain(`free space on the disk holding ${dir}`);
    expect(message).toContain(`continues from ${join(dir, "step-000001")}, which is intact`);
    expect(readdirSync(dir)).toEqual(["step-000001"]);
    const found = latestCheckpoint(dir)!;
    expect(found.meta.step).toBe(1);
    tf.dispose(Object.values(found.state.tensors));
  });

  it("reports an I/O error while publishing as CHECKPOINT_WRITE_FAILED; other errors pass through unchanged", async () => {
    const dir = root();
    await write(dir, 1);
    const eio = await write(dir, 2, failing("syncDir", ".tmp-step-000002-" + process.pid, errno("EIO", "fsync"))).catch((e: unknown) => e);
    expect(isGantryError(eio, "CHECKPOINT_WRITE_FAILED")).toBe(true);
    expect((eio as Error).message).toMatch(/step-000002.*: cannot write the checkpoint of step 2: the disk reported an input\/output error \(EIO\)/);
    expect((eio as Error).message).toContain(`check the disk holding ${dir}`);
    const bug = new TypeError("not a file-system error");
    await expect(write(dir, 3, failing("mkdir", ".tmp-step-000003-" + process.pid, bug))).rejects.toBe(bug);
    expect(readdirSync(dir)).toEqual(["step-000001"]);
  });

  it("a crash at any call of a write leaves only intact checkpoints, the newest one complete", async () => {
    const calls = async (rewrite: boolean): Promise<number> => {
      const dir = root();
      if (rewrite) await write(dir, 2);
      const probe = dyingAt(Number.POSITIVE_INFINITY);
      await write(dir, 2, probe);
      return probe.calls;
    };
    const newestAfterCrash = async (n: number, rewrite: boolean): Promise<number> => {
      const dir = root();
      await write(dir, 1);
      if (rewrite) await write(dir, 2);
      await expect(write(dir, 2, dyingAt(n))).rejects.toBeInstanceOf(Crash);
      for (const c of listCheckpoints(dir)) {
        const { meta, state: back } = readCheckpoint(c.path);
        expect(back.json, `crash at call ${n}`).toEqual(stepState(meta.step).json);
        expect(back.tensors["dOpt/step"].arraySync()).toBe(meta.step);
        tf.dispose(Object.values(back.tensors));
      }
      return listCheckpoints(dir).at(-1)!.step;
    };
    const outcomes = async (rewrite: boolean): Promise<number[]> => {
      const out: number[] = [];
      for (let n = 1; n <= await calls(rewrite); n++) out.push(await newestAfterCrash(n, rewrite));
      return out;
    };
    // mkdir root, clear tmp, mkdir tmp, tensors, state.json, fsync tmp, rename → step-000002, fsync root.
    expect(await outcomes(false)).toEqual([1, 1, 1, 1, 1, 1, 1, 2]);
    // Rewriting a step renames the old copy aside first: dying between the two renames (call 8) leaves
    // step 2 only as step-000002.old-<pid>, so the newest readable checkpoint is step 1.
    expect(await outcomes(true)).toEqual([2, 2, 2, 2, 2, 2, 2, 1, 2, 2]);
  });
}, { only: ["cpu"] });
