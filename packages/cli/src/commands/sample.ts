// `gantry sample <run-dir|checkpoint> --n N --out file.npy|file.png|dir/`: draws N samples from the
// trained generator (EMA weights when enabled). NPY carries the raw float32 values for other tools; a
// folder (a path ending in "/" or an existing directory) gets one PNG per image sample, for gantry fid.
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encodeNpy } from "@gantry/data";
import { imageGridPng, imagePng, scatterPng } from "@gantry/pipeline";
import { GantryError } from "@gantry/core";
import { restoreRun } from "./restore.js";

export interface SampleOptions { readonly n: number; readonly out: string; readonly seed: number; readonly backend?: string }

type OutFormat = "npy" | "png" | "folder";

function outFormat(out: string): OutFormat {
  if (/[/\\]$/.test(out) || (existsSync(out) && statSync(out).isDirectory())) return "folder";
  if (/\.npy$/i.test(out)) return "npy";
  if (/\.png$/i.test(out)) return "png";
  throw new GantryError("CLI_BAD_OUT", `--out ${out}: unknown format`, { hint: "end the file name in .npy or .png, or end a folder name in / for one PNG per sample" });
}

export async function sampleCommand(path: string, options: SampleOptions): Promise<string> {
  const format = outFormat(options.out);
  if (!Number.isInteger(options.n) || options.n < 1) throw new GantryError("CLI_BAD_N", `--n must be a positive integer, got ${options.n}`, { hint: "e.g. --n 64" });
  const run = await restoreRun(path, options.backend);
  try {
    const x = run.method.sample(options.n, options.seed);
    const values = (await x.data()) as Float32Array;
    const shape = x.shape;
    x.dispose();
    if (format === "npy") writeFileSync(options.out, encodeNpy({ dtype: "float32", shape, data: values }));
    else if (format === "folder") writePngFolder(options.out, values, shape);
    else if (shape.length === 4) writeFileSync(options.out, imageGridPng(values, shape));
    else if (shape.length === 2 && shape[1] === 2) writeFileSync(options.out, scatterPng(values, undefined));
    else throw notAnImage(shape);
    const where = format === "folder" ? `${options.out} (sample-00000.png …)` : options.out;
    return `${options.n} samples from step ${run.step} written to ${where} (shape [${shape.join(", ")}])`;
  } finally {
    run.method.dispose();
  }
}

/** sample-00000.png, sample-00001.png, … : zero-padded so a sorted listing is the sampling order. */
function writePngFolder(dir: string, values: Float32Array, shape: readonly number[]): void {
  if (shape.length !== 4) throw notAnImage(shape);
  const [n, h, w, c] = shape;
  mkdirSync(dir, { recursive: true });
  const per = h * w * c;
  const digits = Math.max(5, String(n - 1).length);
  for (let i = 0; i < n; i++) {
    writeFileSync(join(dir, `sample-${String(i).padStart(digits, "0")}.png`), imagePng(values.subarray(i * per, (i + 1) * per), h, w, c));
  }
}

function notAnImage(shape: readonly number[]): GantryError {
  return new GantryError("CLI_NOT_AN_IMAGE", `samples of shape [${shape.join(", ")}] cannot be drawn as PNG`, { hint: "use --out file.npy" });
}
