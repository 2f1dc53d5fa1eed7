// End-to-end: the numerical guard on a real ring GAN that diverges. The minimax loss with plain SGD
// blows up once the learning rate passes about 1 (measured on wasm, seed 3: lr 1 trains 300 steps,
// lr 1.5 and 2 overflow within 11 steps), so a rate that doubles every 20 steps from 0.05 reaches
// NaN/Inf after a few checkpoints (step 145 on wasm). The run stops with exit 1 and the last
// checkpoint, written before the blow-up, samples finite values; with rollback it recovers or gives up.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeSafetensors } from "@gantry/core";
import { decodeNpy } from "@gantry/data";
import { describe, expect, it } from "vitest";
import { main } from "./main.js";

const DOUBLING = "{ exponential: { from: 0.05, rate: 2, every: 20 } }";

const ringSpec = (o: { name: string; lr: string; steps: number; checkpointEvery: number; guard?: string }): string => `name: ${o.name}
seed: 3
backend: [wasm]
nodes:
  data:      { use: dataset/ring, params: { batchSize: 64 } }
  generator: { use: network/mlp, params: { input: 4, hidden: [16], output: 2 } }
  critic:    { use: network/mlp, params: { input: 2, hidden: [16], output: 1 } }
  loss:      { use: loss/minimax }
  train:
    use: method/alternating
    with: { data: data, generator: generator, discriminator: critic, loss: loss,
            gOptimizer: { use: optimizer/sgd, params: { lr: ${o.lr} } },
            dOptimizer: { use: optimizer/sgd, params: { lr: ${o.lr} } } }
    params: { steps: ${o.steps} }
sinks:
  checkpoint: { every: ${o.checkpointEvery}, keep: 2 }
  log: { every: 10 }
${o.guard ? `guard: ${o.guard}\n` : ""}`;

type Event = { type: string; step: number; reason?: string; stats?: Record<string, number | null>; details?: Record<string, unknown>; from?: number; lrScale?: number };

async function gantry(args: readonly string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

async function train(spec: string, name: string): Promise<{ code: number; stderr: string; run: string; events: Event[] }> {
  const cwd = mkdtempSync(join(tmpdir(), "gantry-guard-"));
  writeFileSync(join(cwd, `${name}.yaml`), spec);
  const r = await gantry(["run", join(cwd, `${name}.yaml`), "--runs-dir", join(cwd, "runs")]);
  const run = join(cwd, "runs", name, readdirSync(join(cwd, "runs", name))[0]);
  const events = readFileSync(join(run, "events.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Event);
  return { ...r, run, events };
}

const checkpointSteps = (run: string): number[] =>
  readdirSync(join(run, "checkpoints")).filter((d) => /^step-\d+$/.test(d)).map((d) => Number(d.slice(5))).sort((a, b) => a - b);

describe("gantry run: the numerical guard on a diverging ring GAN (wasm)", () => {
  it("stops with exit 1 naming node, step and quantity; no checkpoint after the blow-up; the last one samples finite values", async () => {
    const { code, stderr, run, events } = await train(ringSpec({ name: "diverging", lr: DOUBLING, steps: 400, checkpointEvery: 20 }), "diverging");
    expect(code, stderr).toBe(1);
    const m = /error RUN_NOT_FINITE: \S*diverging\.yaml:\d+: (\w+) = (NaN|-?Infinity).* at step (\d+) in node "train"\n {2}hint: (.*)/.exec(stderr);
    expect(m, stderr).not.toBeNull();
    const [, quantity, , stepText, hint] = m!;
    const step = Number(stepText);
    expect(step).toBeGreaterThan(40);
    expect(step).toBeLessThan(400);
    expect(hint).toMatch(/lower the learning rate/);
    expect(hint).toContain(`the checkpoint of step ${Math.floor((step - 1) / 20) * 20} is intact`);

    const blownUp = events.find((e) => e.type === "step" && e.step === step)!;
    expect(blownUp.stats![quantity]).toBeNull();
    expect(events.at(-1)).toMatchObject({ type: "end", reason: "diverged", step, details: { quantity } });
    expect(events.filter((e) => e.type === "checkpoint").every((e) => e.step < step)).toBe(true);
    expect(checkpointSteps(run).every((s) => s < step)).toBe(true);
    expect(readFileSync(join(run, "report.html"), "utf8")).toContain("ended: <b>diverged</b>");

    const npy = join(run, "after.npy");
    const sample = await gantry(["sample", run, "--n", "256", "--out", npy]);
    expect(sample.code, sample.stderr).toBe(0);
    const { data, shape } = decodeNpy(new Uint8Array(readFileSync(npy)));
    expect(shape).toEqual([256, 2]);
    expect(Array.from(data as Float32Array).every(Number.isFinite)).toBe(true);
  });

  it("rollback: reloads the last checkpoint, halves the learning rates and completes", async () => {
    const { code, stderr, events } = await train(ringSpec({ name: "recovers", lr: "2", steps: 100, checkpointEvery: 5, guard: "{ onNonFinite: rollback }" }), "recovers");
    expect(code, stderr).toBe(0);
    const rollbacks = events.filter((e) => e.type === "rollback");
    expect(rollbacks).toHaveLength(1);
    expect(rollbacks[0]).toMatchObject({ lrScale: 0.5 });
    // Back to the newest checkpoint before the blow-up; the logs read as one run from there.
    expect(rollbacks[0].step).toBe(Math.floor((rollbacks[0].from! - 1) / 5) * 5);
    const steps = events.filter((e) => e.type === "step").map((e) => e.step);
    expect(steps).toEqual([...new Set(steps)].sort((a, b) => a - b));
    expect(events.at(-1)).toMatchObject({ type: "end", reason: "completed", step: 100, details: { rollbacks: 1, lrScale: 0.5 } });
    for (const e of events.filter((x) => x.type === "step")) for (const v of Object.values(e.stats!)) expect(Number.isFinite(v)).toBe(true);
  });

  it("rollback: gives up after maxRollbacks with the message and exit 1", async () => {
    const spec = ringSpec({ name: "gives-up", lr: "1000", steps: 100, checkpointEvery: 2, guard: "{ onNonFinite: rollback, maxRollbacks: 2 }" });
    const { code, stderr, run, events } = await train(spec, "gives-up");
    expect(code, stderr).toBe(1);
    expect(stderr).toMatch(/error RUN_NOT_FINITE: .* at step \d+ in node "train" after 2 rollbacks \(learning rates × 0\.25\)/);
    expect(stderr).toMatch(/2 rollbacks did not help/);
    expect(events.filter((e) => e.type === "rollback").map((e) => e.lrScale)).toEqual([0.5, 0.25]);
    expect(events.at(-1)).toMatchObject({ type: "end", reason: "diverged", details: { rollbacks: 2 } });
    // Whatever checkpoints it wrote hold finite numbers only.
    for (const step of checkpointSteps(run)) {
      const { tensors } = decodeSafetensors(new Uint8Array(readFileSync(join(run, "checkpoints", `step-${String(step).padStart(6, "0")}`, "params.safetensors"))));
      for (const [name, t] of Object.entries(tensors)) expect(Array.from(t.data as Float32Array).every(Number.isFinite), name).toBe(true);
    }
  });
});
