// Errors for bad data files: every one names the file and says what was expected, so a user sees
// "train.gz: IDX magic 0x00000801 expected, got 0x1f8b0800" rather than a RangeError from a DataView.
import { GantryError } from "@gantry/core";

/** A GantryError about one file (or folder), with a hint saying how to fix it. */
export function fileError(code: string, file: string, message: string, hint: string, cause?: unknown): GantryError {
  return new GantryError(code, message, { where: { file }, hint, cause });
}

/** Product of a shape's dimensions (1 for a scalar). */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
