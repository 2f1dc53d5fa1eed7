// Plumbing shared by the DCGAN networks: batch norm over named Params entries (training returns new
// running statistics, eval returns copies of the old ones, so `state` out is always new tensors the
// caller owns) and the input-shape check that turns a wrong batch into a GantryError.
import { GantryError, tf, type ApplyContext, type Params } from "@gantry/core";
import { batchNormEval, batchNormTrain } from "../layers/batch-norm.js";
import { param } from "../layers/param.js";

export function namedBatchNorm(
  h: tf.Tensor,
  params: Params,
  state: Params,
  prefix: string,
  ctx: ApplyContext,
  newState: Record<string, tf.Tensor>,
  network: string,
): tf.Tensor {
  const p = { gamma: param(params, `${prefix}/gamma`, network), beta: param(params, `${prefix}/beta`, network) };
  const s = { mean: param(state, `${prefix}/mean`, network), variance: param(state, `${prefix}/variance`, network) };
  if (!ctx.training) {
    newState[`${prefix}/mean`] = tf.clone(s.mean);
    newState[`${prefix}/variance`] = tf.clone(s.variance);
    return batchNormEval(h, p, s);
  }
  const out = batchNormTrain(h, p, s);
  newState[`${prefix}/mean`] = out.state.mean;
  newState[`${prefix}/variance`] = out.state.variance;
  return out.y;
}

/** Throws unless x is [N, ...sampleShape] with N ≥ 1. */
export function checkInput(x: tf.Tensor, sampleShape: readonly number[], network: string): void {
  const ok = x.rank === sampleShape.length + 1 && x.shape[0] >= 1 && sampleShape.every((d, i) => x.shape[i + 1] === d);
  if (!ok) {
    throw new GantryError("NETWORK_BAD_INPUT", `${network}: expected input [N, ${sampleShape.join(", ")}], got [${x.shape.join(", ")}]`, {
      hint: "images are NHWC float32 in [-1, 1]; latents are [N, latent]",
    });
  }
}
