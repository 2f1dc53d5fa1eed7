// Improved precision and recall (Kynkäänniemi et al. 2019, eq. 1–3): each set's manifold is the union
// of balls reaching each sample's k-th nearest neighbour (k = 3); precision is the share of generated
// samples inside the real manifold, recall the share of real samples inside the generated one.
import { GantryError } from "@gantry/core";
import type { FeatureMatrix } from "./feature-matrix.js";
import { distance, kthNeighbourRadii } from "./neighbour-distances.js";

export interface PrecisionRecall {
  readonly precision: number;
  readonly recall: number;
}

export function precisionRecall(real: FeatureMatrix, fake: FeatureMatrix, k = 3): PrecisionRecall {
  checkSets(real, fake);
  return {
    precision: shareInside(fake, real, kthNeighbourRadii(real, k)),
    recall: shareInside(real, fake, kthNeighbourRadii(fake, k)),
  };
}

/** Share of `points` within (≤, as the paper's eq. 1) some ball (centre row c of `centres`, radius radii[c]). */
function shareInside(points: FeatureMatrix, centres: FeatureMatrix, radii: Float64Array): number {
  let inside = 0;
  for (let i = 0; i < points.rows; i++) {
    for (let c = 0; c < centres.rows; c++) {
      if (distance(points, i, centres, c) <= radii[c]) {
        inside++;
        break;
      }
    }
  }
  return inside / points.rows;
}

export function checkSets(real: FeatureMatrix, fake: FeatureMatrix): void {
  if (real.dim !== fake.dim) {
    throw new GantryError("METRIC_BAD_FEATURES", `real dim ${real.dim} differs from generated dim ${fake.dim}`, { hint: "use one extractor for both sets" });
  }
}
