// Where the committed domain-classifier weights live at run time: packages/models/weights/, shipped in
// the package's `files`. Resolved from this module's URL, which is src/domain-classifier/*.ts in tests
// and dist/index.js after tsup bundles everything into one file, hence two candidates.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { GantryError } from "@gantry/core";

export const DOMAIN_CLASSIFIER_WEIGHTS = "domain-classifier.safetensors";

const candidates = (): string[] => [
  new URL(`../weights/${DOMAIN_CLASSIFIER_WEIGHTS}`, import.meta.url), // dist/index.js
  new URL(`../../weights/${DOMAIN_CLASSIFIER_WEIGHTS}`, import.meta.url), // src/domain-classifier/weights-file.ts
].map((u) => fileURLToPath(u));

/** Absolute path of the bundled weights file. */
export function domainClassifierWeightsPath(): string {
  const all = candidates();
  const found = all.find((p) => existsSync(p));
  if (found) return found;
  throw new GantryError("DOMAIN_CLASSIFIER_NO_WEIGHTS", `the domain-classifier weights are missing (looked in ${all.join(", ")})`, {
    hint: "reinstall @gantry/models (its weights/ folder ships with the package), or pass params.path to a weights file",
  });
}
