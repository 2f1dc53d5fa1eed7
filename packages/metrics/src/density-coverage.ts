// Density and coverage (Naeem et al. 2020, eq. 3–4, as their `prdc` code): real k-NN balls (k = 5);
// density counts how many real balls hold each generated sample (/k, can exceed 1); coverage is the
// share of real balls that hold at least one generated sample. Strict "<" as prdc.
import type { FeatureMatrix } from "./feature-matrix.js";
import { distance, kthNeighbourRadii } from "./neighbour-distances.js";
import { checkSets } from "./precision-recall.js";

export interface DensityCoverage {
  readonly density: number;
  readonly coverage: number;
}

export function densityCoverage(real: FeatureMatrix, fake: FeatureMatrix, k = 5): DensityCoverage {
  checkSets(real, fake);
  const radii = kthNeighbourRadii(real, k);
  let count = 0;
  let covered = 0;
  for (let r = 0; r < real.rows; r++) {
    let nearest = Infinity;
    for (let f = 0; f < fake.rows; f++) {
      const dist = distance(real, r, fake, f);
      if (dist < radii[r]) count++;
      if (dist < nearest) nearest = dist;
    }
    if (nearest < radii[r]) covered++;
  }
  return { density: count / (k * fake.rows), coverage: covered / real.rows };
}
