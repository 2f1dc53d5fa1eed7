// Params of featureExtractor/domain-classifier (the entry is Node-only: it reads the weights file).
import { z } from "@gantry/core";

export const domainClassifierSchema = z.object({
  /** A weights file to use instead of the committed one (same architecture, PyTorch layout). */
  path: z.string().optional(),
});
