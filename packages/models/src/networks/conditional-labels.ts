// Checks the class labels a conditional network receives through ApplyContext.labels: int32 [N]
// with N the batch size. Values are not range-checked (that would read the device every step); an
// out-of-range label embeds as a zero row.
import { GantryError, type ApplyContext, type tf } from "@gantry/core";

export function requireLabels(ctx: ApplyContext, batch: number, numClasses: number, network: string): tf.Tensor {
  const labels = ctx.labels;
  if (labels === undefined) {
    throw new GantryError("NETWORK_MISSING_LABELS", `${network} is conditional (${numClasses} classes) but apply() got no labels`, {
      hint: "pass ctx.labels as an int32 tensor [N] of class indices, or build the network without numClasses",
    });
  }
  if (labels.rank !== 1 || labels.shape[0] !== batch || labels.dtype !== "int32") {
    throw new GantryError("NETWORK_BAD_LABELS", `${network}: labels must be int32 [${batch}], got ${labels.dtype} [${labels.shape.join(", ")}]`, {
      hint: "labels hold one class index per sample: tf.tensor1d(ys, \"int32\")",
    });
  }
  return labels;
}
