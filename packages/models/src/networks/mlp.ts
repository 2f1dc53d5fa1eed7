// `mlp`: a functional multi-layer perceptron (ADR 0001), the toy-data generator and discriminator.
// Params are `dense{i}/kernel` [in, out] and `dense{i}/bias`; no state. Conditional variant concatenates
// a one-hot label to the input (Mirza & Osindero 2014). No dropout or normalisation layers.
import { GantryError, tf, type ApplyContext, type Network, type NetworkOutput, type Params, type Rng } from "@gantry/core";
import { dense } from "../layers/dense.js";
import { param } from "../layers/param.js";
import { requireLabels } from "./conditional-labels.js";
import { fusedActivation, mlpActivation } from "./mlp-activations.js";
import { initDenseLayer } from "./mlp-init.js";
import { mlpSchema, type MlpOptions } from "./mlp-schema.js";

/** Layer widths from input to output, the input widened by the one-hot label when conditional. */
function layerSizes(input: number, hidden: readonly number[], output: number, numClasses?: number): number[] {
  return [input + (numClasses ?? 0), ...hidden, output];
}

function parseMlp(options: MlpOptions) {
  const result = mlpSchema.safeParse(options);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new GantryError("PARAMS_INVALID", `network/mlp: ${issue.message}`, {
    where: { field: ["params", ...issue.path.map(String)].join(".") },
    hint: "mlp takes { input, hidden?, output, activation?, alpha?, outputActivation?, init?, numClasses? }",
  });
}

export function mlp(options: MlpOptions): Network {
  const cfg = parseMlp(options);
  const sizes = layerSizes(cfg.input, cfg.hidden, cfg.output, cfg.numClasses);
  const layers = sizes.length - 1;
  // ReLU and linear layers are one fused kernel each (layers/dense.ts); other activations follow the layer.
  const hidden = { fused: fusedActivation(cfg.activation), after: mlpActivation(cfg.activation, cfg.alpha) };
  const output = { fused: fusedActivation(cfg.outputActivation), after: mlpActivation(cfg.outputActivation, cfg.alpha) };

  function init(rng: Rng): { params: Params; state: Params } {
    const params: Record<string, tf.Tensor> = {};
    for (let i = 0; i < layers; i++) {
      const layer = initDenseLayer(rng, sizes[i], sizes[i + 1], cfg.init);
      params[`dense${i}/kernel`] = layer.kernel;
      params[`dense${i}/bias`] = layer.bias;
    }
    return { params, state: {} };
  }

  function withLabels(x: tf.Tensor, ctx: ApplyContext): tf.Tensor {
    if (cfg.numClasses === undefined) return x;
    const labels = requireLabels(ctx, x.shape[0], cfg.numClasses, "mlp");
    // oneHot's own float32 dtype is broken on TF.js 4.22 wasm (it writes int32 bits: 1 → 1.4e-45), so cast.
    return tf.concat([x, tf.cast(tf.oneHot(labels, cfg.numClasses), "float32")], 1);
  }

  function apply(params: Params, state: Params, x: tf.Tensor, ctx: ApplyContext): NetworkOutput {
    const y = tf.tidy(() => {
      let h = withLabels(x.rank === 2 ? x : tf.reshape(x, [x.shape[0], -1]), ctx);
      for (let i = 0; i < layers; i++) {
        const act = i < layers - 1 ? hidden : output;
        h = dense(h, { kernel: param(params, `dense${i}/kernel`, "mlp"), bias: param(params, `dense${i}/bias`, "mlp") }, act.fused ?? "linear");
        if (!act.fused) h = act.after(h);
      }
      return h;
    });
    return { y, state };
  }

  return Object.freeze({
    inputShape: [cfg.input],
    outputShape: [cfg.output],
    ...(cfg.numClasses !== undefined ? { numClasses: cfg.numClasses } : {}),
    init,
    apply,
  });
}
