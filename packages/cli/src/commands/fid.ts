// `gantry fid <a> <b>`: the Fréchet distance (Heusel et al. 2017, eq. 6) between two sources, each a
// folder of images, an .npy file or saved statistics (.safetensors, pytorch-fid .npz), in one feature
// space; the same number as @gantry/metrics' frechetDistance on the same statistics. No sampling.
import { GantryError } from "@gantry/core";
import { nativeLinearAlgebra } from "@gantry/backend-native";
import { frechetDistance } from "@gantry/metrics";
import { defaultRegistry } from "../default-registry.js";
import { setUpFeatureSpace, type ExtractorOptions } from "./feature-space-option.js";
import {
  checkReadOptions, isSavedStatistics, readSourceStatistics, statisticsSource, type ReadOptions, type SourceStatistics,
} from "./statistics-source.js";

export interface FidOptions extends ExtractorOptions, ReadOptions {
  /** ε of the εI fallback, taken only when the exact square root is non-finite, as pytorch-fid (1e-6); 0: none. */
  readonly epsilon: number;
  readonly backend?: string;
  readonly json: boolean;
}

export async function fidCommand(a: string, b: string, o: FidOptions): Promise<string> {
  const sources = [statisticsSource(a, "first source"), statisticsSource(b, "second source")];
  checkReadOptions(o);
  if (!(o.epsilon >= 0)) throw new GantryError("CLI_BAD_FLAG", `${o.epsilon}: a number ≥ 0 expected`, { where: { field: "--epsilon" }, hint: "e.g. --epsilon 1e-6 (pytorch-fid's)" });
  const registry = await defaultRegistry();
  const space = await setUpFeatureSpace(registry, o, !sources.every(isSavedStatistics), o.backend);
  const [sa, sb] = [await readSourceStatistics(sources[0], space, o), await readSourceStatistics(sources[1], space, o)];
  checkComparable(sa, sb);
  const r = frechetDistance(sa.statistics, sb.statistics, { epsilon: o.epsilon, linearAlgebra: nativeLinearAlgebra() });
  const side = (s: SourceStatistics) => ({ path: s.source.path, source: s.source.kind, n: s.statistics.n });
  const result = {
    fid: r.fid, extractor: sa.extractor, featureDim: sa.statistics.dim, a: side(sa), b: side(sb),
    meanTerm: r.meanTerm, traceTerm: r.traceTerm, epsilon: r.epsilon, warnings: [...r.warnings],
  };
  if (o.json) return JSON.stringify(result);
  const describe = (s: SourceStatistics) => `${s.source.path} (${s.source.kind}${s.statistics.n ? `, n = ${s.statistics.n}` : ""})`;
  return [`FID: ${r.fid}`, `  ${result.extractor} features, dim ${result.featureDim}: ${describe(sa)} vs ${describe(sb)}`, ...r.warnings.map((w) => `  warning: ${w}`)].join("\n");
}

/** Both sides in one feature space: same extractor and dimension; the blame goes to a saved file when there is one. */
export function checkComparable(a: SourceStatistics, b: SourceStatistics): void {
  const blamed = isSavedStatistics(b.source) || b.source.kind === "npy" ? b : a;
  const other = blamed === a ? b : a;
  if (a.extractor !== b.extractor) {
    throw new GantryError("FID_EXTRACTOR_MISMATCH", `${blamed.source.path}: statistics of "${blamed.extractor}" features, but ${other.source.path} is in "${other.extractor}" features`, {
      where: { file: blamed.source.path }, hint: `FIDs from different extractors are not comparable: recompute it with gantry stats <source> --extractor ${other.extractor} --out <file>`,
    });
  }
  if (a.statistics.dim !== b.statistics.dim) {
    throw new GantryError("FID_DIM_MISMATCH", `${blamed.source.path}: ${blamed.statistics.dim}-dimensional ${blamed.extractor} features, but ${other.source.path} gives ${other.statistics.dim}`, {
      where: { file: blamed.source.path },
      hint: "both sides must come from the same feature extractor (pytorch-fid's .npz holds 2048-d Inception pool3 features: use --extractor inception-v3 --model <folder>)",
    });
  }
}
