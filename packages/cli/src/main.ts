// The `gantry` command line (cac): parses arguments, runs one command, maps failures to exit codes
// (exit-codes.ts) and prints GantryErrors as one message with its hint (a numbered list when an
// error has several issues, e.g. every mistake of a spec) — never a stack trace, unless GANTRY_DEBUG=1.
import { createRequire } from "node:module";
import { cac, type Command } from "cac";
import { GantryError, formatLocation, isGantryError } from "@gantry/core";
import { parseSetFlag, seedOverride, type SpecOverride } from "@gantry/pipeline";
import pkg from "../package.json" with { type: "json" };
import { evalCommand } from "./commands/eval.js";
import { fidCommand } from "./commands/fid.js";
import { parseParamFlags } from "./commands/metric-params.js";
import { listCommand } from "./commands/list.js";
import { newPluginCommand } from "./commands/new-plugin.js";
import { reportCommand } from "./commands/report.js";
import { sampleCommand } from "./commands/sample.js";
import { statsCommand } from "./commands/stats.js";
import { registerSweepCommands } from "./commands/sweep.js";
import { resumeCommand, runCommand } from "./commands/train.js";
import { validateCommand } from "./commands/validate.js";
import { CliFailure, ExitCode } from "./exit-codes.js";

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

const defaultIo: Io = { stdout: (s) => process.stdout.write(s + "\n"), stderr: (s) => process.stderr.write(s + "\n") };

type Action = () => Promise<ExitCode>;

/** The installed @gantry/core's version, which a scaffolded plugin's peer range starts from. */
const coreVersion = (): string => (createRequire(import.meta.url)("@gantry/core/package.json") as { version: string }).version;

/** Builds the command table; each action does its input checks first and returns the work to run. */
function commands(io: Io, setAction: (phase: () => Promise<Action>) => void) {
  const cli = cac("gantry");
  const print = (p: Promise<string> | string): Promise<Action> => Promise.resolve(p).then((s) => async () => (io.stdout(s), ExitCode.ok));
  cli.command("run <spec>", "Train the pipeline described by a YAML/JSON spec")
    .option("--runs-dir <dir>", "Where run folders go", { default: "runs" })
    .option("--backend <names>", "Override the spec's backend list, e.g. wasm,cpu")
    .option("--set <path=value>", "Override a spec value (repeatable), e.g. --set nodes.train.params.steps=500; the value is YAML")
    .option("--seed <n>", "Override the spec's seed (the same as --set seed=<n>)")
    .action((spec: string, o: { runsDir: string; backend?: string; set?: unknown; seed?: unknown }) =>
      setAction(() => runCommand(spec, { runsDir: o.runsDir, backend: o.backend, overrides: specOverrides(o.set, o.seed) })));
  cli.command("resume <runDir>", "Continue a run from its newest checkpoint, or from --from")
    .option("--backend <names>", "Override the spec's backend list")
    .option("--from <checkpoint>", "Continue from this checkpoint (e.g. step-000200); newer ones are moved to checkpoints/.superseded-<time>/")
    .action((dir: string, o: { backend?: string; from?: unknown }) =>
      setAction(() => resumeCommand(dir, { backend: o.backend, from: o.from === undefined ? undefined : String(o.from) })));
  cli.command("validate <spec>", "Check a spec without running it")
    .option("--schema <file>", "Also write the spec JSON Schema for the installed plugins")
    .action((spec: string, o: { schema?: string }) => setAction(() => print(validateCommand(spec, o))));
  cli.command("sample <path>", "Draw samples from a run directory or checkpoint")
    .option("--n <n>", "How many", { default: 64 })
    .option("--out <path>", "Output .npy, .png (a grid), or a folder ending in / (one PNG per sample)", { default: "samples.png" })
    .option("--seed <seed>", "Latent noise seed", { default: 0 })
    .option("--backend <names>", "Backend list")
    .action((path: string, o: { n: number; out: string; seed: number; backend?: string }) =>
      setAction(() => print(sampleCommand(path, { n: Number(o.n), out: String(o.out), seed: Number(o.seed), backend: o.backend }))));
  cli.command("eval <runDir>", "Evaluate metrics at the newest checkpoint")
    .option("--metric <names>", "Comma-separated metric nodes or registered metrics", { default: "" })
    .option("--param <key=value>", "Override a param of the metrics (repeatable), e.g. --param samples=50000; the value is YAML")
    .option("--backend <names>", "Backend list")
    .option("--json", "Print one JSON object")
    .action((dir: string, o: { metric: string; param?: unknown; backend?: string; json?: boolean }) => setAction(() => {
      const params = parseParamFlags(o.param);
      return print(evalCommand(dir, { metric: String(o.metric), backend: o.backend, params, json: o.json === true }));
    }));
  statisticsFlags(cli.command("fid <a> <b>", "FID between two image folders, .npy files or statistics files (.safetensors, pytorch-fid .npz)"))
    .option("--epsilon <e>", "εI added to both covariances only if the exact square root fails (pytorch-fid's fallback: 1e-6); 0: no fallback", { default: 1e-6 })
    .option("--backend <names>", "Backend list")
    .option("--json", "Print one JSON object")
    .action((a: string, b: string, o: StatisticsFlags & { epsilon: unknown }) =>
      setAction(() => print(fidCommand(String(a), String(b), { ...statisticsOptions(o), epsilon: Number(o.epsilon) }))));
  statisticsFlags(cli.command("stats <source>", "Save a source's feature statistics (pytorch-fid --save-stats): --out ref.safetensors or ref.npz"))
    .option("--out <file>", "Output .safetensors (keeps n and the extractor) or .npz (pytorch-fid's mu/sigma)")
    .option("--backend <names>", "Backend list")
    .option("--json", "Print one JSON object")
    .action((source: string, o: StatisticsFlags & { out?: unknown }) =>
      setAction(() => print(statsCommand(String(source), { ...statisticsOptions(o), out: o.out === undefined ? "" : String(o.out) }))));
  cli.command("list [kind]", "List registered plugins' entries, with params and inputs")
    .action((kind?: string) => setAction(() => print(listCommand(kind))));
  cli.command("new <what> <name>", "Scaffold a third-party plugin package: gantry new plugin <npm-name>")
    .option("--dir <dir>", "Where to create it (default: ./<name>)")
    .action((what: string, name: string, o: { dir?: string }) => setAction(async () => {
      if (what !== "plugin") throw new GantryError("CLI_UNKNOWN_TEMPLATE", `gantry new ${what}: unknown template`, { hint: "gantry new plugin <name>" });
      return print(newPluginCommand(name, { dir: o.dir, coreVersion: coreVersion() }));
    }));
  cli.command("report <runDir>", "Rebuild report.html of a run")
    .action((dir: string) => setAction(() => print(reportCommand(dir))));
  registerSweepCommands(cli, io, setAction);
  cli.help();
  cli.version(pkg.version);
  return cli;
}

/** The feature-space options `fid` and `stats` share. */
function statisticsFlags(command: Command): Command {
  return command
    .option("--extractor <name>", "raw, inception-v3 or a registered featureExtractor (default: inception-v3 with --model, else raw)")
    .option("--model <dir>", "inception-v3: folder with the TF.js graph model (model.json + shards)")
    .option("--features-node <node>", "inception-v3: graph node of the pool features")
    .option("--batch-size <n>", "Samples per batch", { default: 100 })
    .option("--channels <n>", "Image channels: 3 (RGB) or 1 (grayscale)", { default: 3 });
}

interface StatisticsFlags {
  extractor?: unknown; model?: unknown; featuresNode?: unknown; batchSize: unknown; channels: unknown; backend?: string; json?: boolean;
}

/** The flags `fid` and `stats` share, as the argument parser hands them (numbers may come as numbers or strings). */
function statisticsOptions(o: StatisticsFlags) {
  const text = (v: unknown): string | undefined => (v === undefined ? undefined : String(v));
  return {
    extractor: text(o.extractor), model: text(o.model), featuresNode: text(o.featuresNode),
    batchSize: Number(o.batchSize), channels: Number(o.channels) as 1 | 3, backend: o.backend, json: o.json === true,
  };
}

/**
 * `--set` (one string, or an array when repeated) and `--seed`, in that order. The argument parser turns
 * numbers into numbers; String() gives the text back for the YAML parse (`--seed` alone is `true`).
 */
function specOverrides(set: unknown, seed: unknown): SpecOverride[] {
  const sets = set === undefined ? [] : [set].flat().map((s) => parseSetFlag(String(s)));
  return seed === undefined ? sets : [...sets, seedOverride(String(seed))];
}

/** Runs the CLI on argv (without "node gantry"); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<ExitCode> {
  let phase: (() => Promise<Action>) | undefined;
  const cli = commands(io, (p) => (phase = p));
  let action: Action;
  try {
    cli.parse(["node", "gantry", ...argv], { run: true });
    if (cli.options.help || cli.options.version) return ExitCode.ok;
    if (!phase) {
      io.stderr(argv.length ? `gantry: unknown command "${argv[0]}"; run gantry --help` : "gantry: no command given; run gantry --help");
      return ExitCode.invalidInput;
    }
    action = await phase();
  } catch (e) {
    return report(e, io, ExitCode.invalidInput);
  }
  try {
    return await action();
  } catch (e) {
    return report(e, io, ExitCode.failed);
  }
}

function report(e: unknown, io: Io, code: ExitCode): ExitCode {
  if (e instanceof CliFailure) {
    io.stderr(`gantry: ${e.message}`);
    return e.exitCode;
  }
  if (isGantryError(e)) {
    io.stderr(e.issues.length > 1 ? issueList(e) : `gantry: error ${e.code}: ${e.message}`);
    if (process.env.GANTRY_DEBUG === "1") io.stderr(e.stack ?? "");
    return code;
  }
  const message = e instanceof Error ? e.message : String(e);
  io.stderr(`gantry: ${/Unknown option|missing required/i.test(message) ? "" : "unexpected error: "}${message}`);
  if (process.env.GANTRY_DEBUG === "1" && e instanceof Error) io.stderr(e.stack ?? "");
  else if (!/Unknown option|missing required/i.test(message)) io.stderr("  (set GANTRY_DEBUG=1 for the stack trace)");
  return /Unknown option|missing required/i.test(message) ? ExitCode.invalidInput : code;
}

/** Issues listed in full up to this many; a spec with more has a deeper problem (e.g. the wrong file). */
const MAX_LISTED = 50;

/** "gantry: 3 errors in spec.yaml" and one numbered entry per issue, each with its location and hint. */
function issueList(e: GantryError): string {
  const files = [...new Set(e.issues.map((i) => i.where.file).filter(Boolean))];
  const lines = [`gantry: ${e.issues.length} errors${files.length === 1 ? ` in ${files[0]}` : ""}`];
  e.issues.slice(0, MAX_LISTED).forEach((i, n) => {
    const place = formatLocation(i.where);
    lines.push(`  ${n + 1}. error ${i.code}: ${place ? `${place}: ` : ""}${i.message}`);
    if (i.hint) lines.push(`     hint: ${i.hint}`);
  });
  if (e.issues.length > MAX_LISTED) lines.push(`  … and ${e.issues.length - MAX_LISTED} more`);
  return lines.join("\n");
}
