// Shared by the fault suite (npm run test:faults): the tiny ring spec it kills, a `gantry` child that
// can be killed at a chosen moment, and the checks that a run folder survived intact.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { readJsonl } from "@gantry/pipeline";
import { BIN } from "../test-support/cli-process.js";

/** A ring GAN small enough that 150 steps with a checkpoint after every step take a few seconds. */
export const faultSpec = (name: string, steps: number, sinks: string): string => `name: ${name}
seed: 7
backend: [cpu]
nodes:
  data:      { use: dataset/ring, params: { modes: 8, radius: 2, std: 0.02, batchSize: 32 } }
  generator: { use: network/mlp, params: { input: 2, hidden: [16], output: 2, activation: tanh } }
  critic:    { use: network/mlp, params: { input: 2, hidden: [16], output: 1, activation: leakyRelu } }
  loss:      { use: loss/non-saturating }
  train:
    use: method/alternating
    with: { data: data, generator: generator, discriminator: critic, loss: loss }
    params: { steps: ${steps}, dSteps: 1 }
  coverage: { use: metric/mode-coverage, with: { generator: train.sampler, data: data }, params: { samples: 200 }, every: 50 }
sinks:
${sinks}
`;

/** `gantry <args>` as a child process; `preload` is a module URL given to node's --import. */
export function spawnGantry(args: readonly string[], cwd: string, preload?: string): ChildProcess {
  if (!existsSync(BIN)) throw new Error(`build the cli first: ${BIN} is missing`);
  const node = preload ? ["--import", preload] : [];
  return spawn(process.execPath, [...node, BIN, ...args], { cwd, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, CI: "true" } });
}

export interface Exit { readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly stderr: string }

export function exited(child: ChildProcess): Promise<Exit> {
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += String(d)));
  return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stderr })));
}

/** Resolves with the child's stderr once it matches `pattern` (rejects if the child exits first). */
export function stderrMatch(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  let text = "";
  return new Promise((resolve, reject) => {
    const onData = (d: unknown): void => {
      text += String(d);
      const m = pattern.exec(text);
      if (!m) return;
      child.stderr?.off("data", onData);
      resolve(m);
    };
    child.stderr?.on("data", onData);
    child.on("close", () => reject(new Error(`gantry exited before printing ${pattern}:\n${text}`)));
  });
}

/** Resolves once events.jsonl holds a step event with step ≥ `step` (polled: a step takes ~30 ms). */
export function stepLogged(eventsFile: string, step: number, child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let size = -1;
    const timer = setInterval(() => {
      const now = existsSync(eventsFile) ? statSync(eventsFile).size : -1;
      if (now === size) return;
      size = now;
      const steps = readJsonl<{ type: string; step?: number }>(eventsFile).filter((e) => e.type === "step");
      if (!steps.some((e) => (e.step ?? -1) >= step)) return;
      clearInterval(timer);
      resolve();
    }, 3);
    child.on("close", () => {
      clearInterval(timer);
      reject(new Error(`gantry exited before logging step ${step}`));
    });
  });
}

export const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/** The checkpoints under `dir` by name, and whether each is complete (state.json's checksum holds). */
export function checkpointFolders(dir: string): { readonly name: string; readonly intact: boolean }[] {
  return readdirSync(dir).sort().map((name) => ({ name, intact: intact(join(dir, name)) }));
}

function intact(path: string): boolean {
  try {
    const state = JSON.parse(readFileSync(join(path, "state.json"), "utf8")) as { files: Record<string, { sha256: string }> };
    return sha256(readFileSync(join(path, "params.safetensors"))) === state.files["params.safetensors"].sha256;
  } catch {
    return false;
  }
}

/** What must be bit-identical between two runs of one seed: final tensors, state, every logged number. */
export function runOutcome(run: string, finalStep: number) {
  const ckpt = join(run, "checkpoints", `step-${String(finalStep).padStart(6, "0")}`);
  const state = JSON.parse(readFileSync(join(ckpt, "state.json"), "utf8")) as { method: unknown; files: unknown };
  return {
    tensors: readFileSync(join(ckpt, "params.safetensors")),
    state: { method: state.method, files: state.files },
    steps: readJsonl<{ type: string; step: number; stats: unknown }>(join(run, "events.jsonl"))
      .filter((e) => e.type === "step").map((e) => ({ step: e.step, stats: e.stats })),
    metrics: readJsonl<{ step: number; node: string; values: unknown }>(join(run, "metrics.jsonl"))
      .map((m) => ({ step: m.step, node: m.node, values: m.values })),
  };
}
