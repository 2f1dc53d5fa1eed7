// `gantry sample <run-dir|checkpoint> --n N --out file.npy|png`: draws N samples from the trained
// generator (EMA weights when enabled). NPY carries the raw float32 values for other tools.
import { writeFileSync } from "node:fs";
import { encodeNpy } from "@gantry/data";
import { imageGridPng, scatterPng } from "@gantry/pipeline";
import { GantryError } from "@gantry/core";
import { restoreRun } from "./restore.js";

export interface SampleOptions { readonly n: number; readonly out: string; readonly seed: number; readonly backend?: string }

export async function sampleCommand(path: string, options: SampleOptions): Promise<string> {
  const format = /\.npy$/i.test(options.out) ? "npy" : /\.png$/i.test(options.out) ? "png" : undefined;
  if (!format) throw new GantryError("CLI_BAD_OUT", `--out ${options.out}: unknown format`, { hint: "end the file name in .npy or .png" });
  if (!Number.isInteger(options.n) || options.n < 1) throw new GantryError("CLI_BAD_N", `--n must be a positive integer, got ${options.n}`, { hint: "e.g. --n 64" });
  const run = await restoreRun(path, options.backend);
  try {
    const x = run.method.sample(options.n, options.seed);
    const values = (await x.data()) as Float32Array;
    const shape = x.shape;
    x.dispose();
    if (format === "npy") writeFileSync(options.out, encodeNpy({ dtype: "float32", shape, data: values }));
    else if (shape.length === 4) writeFileSync(options.out, imageGridPng(values, shape));
    else if (shape.length === 2 && shape[1] === 2) writeFileSync(options.out, scatterPng(values, undefined));
    else throw new GantryError("CLI_NOT_AN_IMAGE", `samples of shape [${shape.join(", ")}] cannot be drawn as PNG`, { hint: "use --out file.npy" });
    return `${options.n} samples from step ${run.step} written to ${options.out} (shape [${shape.join(", ")}])`;
  } finally {
    run.method.dispose();
  }
}
