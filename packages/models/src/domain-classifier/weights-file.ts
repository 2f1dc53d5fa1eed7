// Where the committed domain-classifier weights live at run time: packages/models/weights/, shipped in
// the package's `files`. Resolved from this module's URL, which is src/domain-classifier/*.ts in tests
// and dist/node.js (or a chunk beside it) after tsup bundles it, hence two candidates. Node-only.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { GantryError } from "@gantry/core";
import { DOMAIN_CLASSIFIER_WEIGHTS } from "./weights-name.js";


const candidates = (): string[] => [
  new URL(`../weights/${DOMAIN_CLASSIFIER_WEIGHTS}`, import.meta.url), // dist/*.js
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
