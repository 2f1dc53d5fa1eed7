// `gantry stats <source> --out ref.safetensors|ref.npz`: reference statistics (mean and covariance of a
// source's features) computed once and saved, as pytorch-fid's --save-stats. `.safetensors` keeps n and
// the extractor's name; `.npz` is pytorch-fid's layout (mu, sigma), which records neither.
import { GantryError } from "@gantry/core";
import { saveNpzStatistics, saveStatistics } from "@gantry/metrics/node";
import { defaultRegistry } from "../default-registry.js";
import { setUpFeatureSpace, type ExtractorOptions } from "./feature-space-option.js";
import { checkReadOptions, isSavedStatistics, readSourceStatistics, statisticsSource, type ReadOptions } from "./statistics-source.js";

export interface StatsOptions extends ExtractorOptions, ReadOptions {
  readonly out: string;
  readonly backend?: string;
  readonly json: boolean;
}

function outFormat(out: string | undefined): "safetensors" | "npz" {
  const ext = !out ? undefined : /\.(safetensors|npz)$/i.exec(out)?.[1].toLowerCase();
  if (ext === "safetensors" || ext === "npz") return ext;
  throw new GantryError("CLI_BAD_OUT", !out ? "--out is required" : `${out}: unknown format`, {
    where: { field: "--out" }, hint: "end the file name in .safetensors (Gantry: keeps n and the extractor) or .npz (pytorch-fid's mu/sigma)",
  });
}

export async function statsCommand(path: string, o: StatsOptions): Promise<string> {
  const source = statisticsSource(path, "source");
  const format = outFormat(o.out);
  checkReadOptions(o);
  if (source.kind === "npz" && format === "safetensors") {
    throw new GantryError("CLI_STATS_NO_COUNT", `${path}: a pytorch-fid .npz records no sample count, which a .safetensors statistics file keeps`, {
      where: { file: path }, hint: "use the .npz as it is (gantry fid reads it), or compute the statistics again from the images",
    });
  }
  const registry = await defaultRegistry();
  const space = await setUpFeatureSpace(registry, o, !isSavedStatistics(source), o.backend);
  const s = await readSourceStatistics(source, space, o);
  if (format === "npz") await saveNpzStatistics(o.out, s.statistics);
  else await saveStatistics(o.out, { statistics: s.statistics, extractor: s.extractor });
  const result = { out: o.out, format, source: { path, kind: source.kind }, n: s.statistics.n, featureDim: s.statistics.dim, extractor: s.extractor };
  if (o.json) return JSON.stringify(result);
  return `statistics of ${s.statistics.n} samples (${s.extractor} features, dim ${s.statistics.dim}) written to ${o.out}` +
    (format === "npz" ? " (pytorch-fid layout: n and the extractor are not recorded)" : "");
}
