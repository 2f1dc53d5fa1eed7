// `gantry worker --queue redis://host:port --runs-dir DIR`: takes sweep jobs (training runs, evaluation
// shards) from the queue one at a time until stopped. SIGTERM or Ctrl-C finishes the step, checkpoints,
// puts the job back and exits; a SIGKILLed worker's job is resumed by another after its lock expires.
import { resolve } from "node:path";
import { validateSpec } from "@gantry/pipeline";
import { startSweepWorker, type PrepareSpec } from "@gantry/sweeps";
import { nativeLinearAlgebra } from "@gantry/backend-native";
import type { Registry } from "@gantry/core";
import { catalog, defaultRegistry } from "../default-registry.js";
import { CliFailure, ExitCode } from "../exit-codes.js";

/** The CLI's registry (first-party plugins + the spec's), one per plugin list, and validateSpec as `gantry validate`. */
export function cliPrepare(): PrepareSpec {
  const registries = new Map<string, Promise<Registry>>();
  return async (loaded) => {
    const plugins = loaded.spec.plugins ?? [];
    const key = JSON.stringify(plugins);
    if (!registries.has(key)) registries.set(key, defaultRegistry(plugins, loaded.file));
    const registry = await registries.get(key)!;
    return { registry, graph: validateSpec(loaded, registry, { catalog }) };
  };
}

export interface WorkerCommandOptions {
  readonly queue?: string;
  readonly runsDir: string;
  readonly lockDuration: number;
  readonly stalledInterval: number;
}

export function requireQueue(queue: string | undefined, command: string): string {
  if (!queue) throw new CliFailure(ExitCode.invalidInput, `${command} needs --queue redis://host:port (see docs/distributed.md)`);
  return queue;
}

function positiveMs(value: number, flag: string): number {
  if (!Number.isFinite(value) || value < 100) throw new CliFailure(ExitCode.invalidInput, `${flag} must be a number of milliseconds ≥ 100, got ${value}`);
  return value;
}

export async function workerCommand(o: WorkerCommandOptions, out: (line: string) => void): Promise<() => Promise<ExitCode>> {
  const url = requireQueue(o.queue, "gantry worker");
  const lockDurationMs = positiveMs(Number(o.lockDuration), "--lock-duration");
  const stalledIntervalMs = positiveMs(Number(o.stalledInterval), "--stalled-interval");
  return async () => {
    const log = (m: string): void => out(`${new Date().toISOString()} ${m}`);
    const worker = startSweepWorker({ url, runsDir: resolve(o.runsDir), prepare: cliPrepare(), lockDurationMs, stalledIntervalMs, log, linearAlgebra: nativeLinearAlgebra() });
    await worker.ready;
    const signal = await new Promise<NodeJS.Signals>((done) => {
      process.once("SIGTERM", () => done("SIGTERM"));
      process.once("SIGINT", () => done("SIGINT"));
    });
    log(`${signal}: stopping after this step (the job goes back to the queue)`);
    // A second signal quits at once; the job is then resumed from its last checkpoint.
    process.once("SIGINT", () => process.exit(ExitCode.interrupted));
    await worker.stop();
    log("worker stopped");
    return signal === "SIGINT" ? ExitCode.interrupted : ExitCode.ok;
  };
}
