// The GantryError a function throws, for tests that then assert its code, issues, location and hint.
// Anything else it throws is rethrown; returning normally fails the test.
import { isGantryError, type GantryError } from "@gantry/core";

export function gantryErrorOf(f: () => unknown): GantryError {
  try {
    f();
  } catch (e) {
    if (isGantryError(e)) return e;
    throw e;
  }
  throw new Error("expected a GantryError, but nothing was thrown");
}
