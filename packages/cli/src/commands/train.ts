// `gantry run <spec>` and `gantry resume <run-dir>`: execute a validated pipeline with a progress
// display; Ctrl-C once finishes the step and checkpoints (exit 130), twice quits at once. `run --set/--seed`
// overrides the spec (the run folder keeps the spec as run); `resume --from` rewinds to an older checkpoint.
import { resolve } from "node:path";
import {
  createRunDirectory, executePipeline, findRunCheckpoint, openRunDirectory, rewindCheckpoints, type RunDirectory, type SpecOverride,
} from "@gantry/pipeline";
import { nativeLinearAlgebra } from "@gantry/backend-native";
import { ExitCode } from "../exit-codes.js";
import { createReporter } from "../progress.js";
import { prepare, type Prepared } from "./prepare.js";

export interface TrainOptions {
  readonly runsDir?: string;
  readonly backend?: string;
  readonly out?: NodeJS.WriteStream;
}

export interface RunOptions extends TrainOptions {
  /** `--set` and `--seed`, in the order given. */
  readonly overrides?: readonly SpecOverride[];
}

export interface ResumeOptions extends TrainOptions {
  /** `--from`: a checkpoint folder of the run (or its name) to continue from instead of the newest. */
  readonly from?: string;
}

export async function runCommand(specFile: string, options: RunOptions): Promise<() => Promise<ExitCode>> {
  const prepared = await prepare(specFile, options.backend, options.overrides);
  return async () => {
    const dir = createRunDirectory(resolve(options.runsDir ?? "runs"), prepared.loaded.spec.name, prepared.loaded.text);
    return execute(prepared, dir, false, options);
  };
}

export async function resumeCommand(runDir: string, options: ResumeOptions): Promise<() => Promise<ExitCode>> {
  const dir = openRunDirectory(resolve(runDir));
  const prepared = await prepare(dir.specFile, options.backend);
  const from = options.from;
  if (from === undefined) return () => execute(prepared, dir, true, options);
  findRunCheckpoint(dir, from); // a wrong --from is bad input: exit 2 before anything moves
  return () => {
    // The executor resumes from the newest checkpoint, so the newer ones are moved aside (kept) first.
    const r = rewindCheckpoints(dir, from);
    if (r.supersededDir) (options.out ?? process.stderr).write(`gantry: moved ${r.superseded.length} newer checkpoint(s) to ${r.supersededDir}\n`);
    return execute(prepared, dir, true, options);
  };
}

async function execute(prepared: Prepared, dir: RunDirectory, resume: boolean, options: TrainOptions): Promise<ExitCode> {
  const out = options.out ?? process.stderr;
  const node = prepared.graph.nodes.get(prepared.graph.trainingNode)!;
  const reporter = createReporter((node.params as { steps?: number }).steps, out);
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(ExitCode.interrupted);
    out.write("\ngantry: stopping after this step and writing a checkpoint (Ctrl-C again to quit now)\n");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  try {
    const result = await executePipeline({
      dir, registry: prepared.registry, loaded: prepared.loaded, graph: prepared.graph, resume,
      signal: controller.signal, onEvent: (e) => reporter.onEvent(e), log: (m) => out.write(`${m}\n`),
      linearAlgebra: nativeLinearAlgebra(),
    });
    reporter.stop();
    out.write(`run directory: ${result.dir}\nreport: ${dir.reportFile}\n`);
    out.write(`${result.step} steps in ${result.seconds.toFixed(1)} s on ${result.backend}\n`);
    return result.reason === "completed" ? ExitCode.ok : ExitCode.interrupted;
  } finally {
    reporter.stop();
    process.off("SIGINT", onSigint);
  }
}
