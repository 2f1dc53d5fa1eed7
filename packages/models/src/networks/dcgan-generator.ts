// DCGAN generator (Radford et al. 2015): z → linear projection to a base×base map (7×7 for 28-pixel
// images, 4×4 for 32) → stride-2 4×4 transposed convolutions with batch norm + ReLU → tanh image in
// [−1, 1]. Conditional: a learned label embedding is concatenated to z (not conditional batch norm).
import { tf, type ApplyContext, type Network, type NetworkOutput, type Params, type Rng } from "@gantry/core";
import { relu, tanh } from "../layers/activations.js";
import { batchNormInit } from "../layers/batch-norm.js";
import { conv2dTranspose, conv2dTransposeInit } from "../layers/conv2d-transpose.js";
import { dense, denseInit } from "../layers/dense.js";
import { embedding, embeddingInit } from "../layers/embedding.js";
import { param } from "../layers/param.js";
import { requireLabels } from "./conditional-labels.js";
import { checkInput, namedBatchNorm } from "./dcgan-blocks.js";
import { DCGAN_CONV, DCGAN_KERNEL, dcganGeometry, type DcganGeometry } from "./dcgan-geometry.js";
import { dcganGeneratorSchema, parseDcganOptions, type DcganGeneratorConfig, type DcganGeneratorOptions } from "./dcgan-schemas.js";

const NAME = "dcgan-generator";

export interface DcganGenerator extends Network {
  readonly config: DcganGeneratorConfig;
  readonly geometry: DcganGeometry;
}

/** "project" then "up1" … "up{k−1}" (batch-normed) then "out" (bias, tanh). */
function layerNames(g: DcganGeometry): string[] {
  return ["project", ...Array.from({ length: g.steps - 1 }, (_, i) => `up${i + 1}`)];
}

function init(c: DcganGeneratorConfig, g: DcganGeometry, rng: Rng): { params: Params; state: Params } {
  const params: Record<string, tf.Tensor> = {};
  const state: Record<string, tf.Tensor> = {};
  const add = (prefix: string, p: Params, into: Record<string, tf.Tensor>): void => {
    for (const [k, t] of Object.entries(p)) into[`${prefix}/${k}`] = t;
  };
  const conditional = c.numClasses !== undefined;
  // G's label embedding is N(0, 1) like z, so labels weigh as much as the noise at initialisation.
  if (conditional) params["embed/table"] = embeddingInit(rng, c.numClasses as number, c.embedDim, 1);
  const zSize = c.latent + (conditional ? c.embedDim : 0);
  add("project", denseInit(rng, zSize, g.base * g.base * g.widths[0], false), params);
  layerNames(g).forEach((name, i) => {
    if (i > 0) add(name, conv2dTransposeInit(rng, DCGAN_KERNEL, g.widths[i - 1], g.widths[i], false), params);
    const bn = batchNormInit(rng, g.widths[i]);
    add(`${name}/bn`, bn.params, params);
    add(`${name}/bn`, bn.state, state);
  });
  add("out", conv2dTransposeInit(rng, DCGAN_KERNEL, g.widths[g.steps - 1], g.channels, true), params);
  return { params, state };
}

function forward(c: DcganGeneratorConfig, g: DcganGeometry, params: Params, state: Params, z: tf.Tensor, ctx: ApplyContext): NetworkOutput {
  const newState: Record<string, tf.Tensor> = {};
  const p = (name: string): tf.Tensor => param(params, name, NAME);
  let input = z;
  if (c.numClasses !== undefined) {
    const labels = requireLabels(ctx, z.shape[0], c.numClasses, NAME);
    input = tf.concat([z, embedding(labels, p("embed/table"))], 1);
  }
  const projected = dense(input, { kernel: p("project/kernel") });
  let h = tf.reshape(projected, [z.shape[0], g.base, g.base, g.widths[0]]);
  layerNames(g).forEach((name, i) => {
    if (i > 0) h = conv2dTranspose(h, { kernel: p(`${name}/kernel`) }, DCGAN_CONV);
    h = relu(namedBatchNorm(h, params, state, `${name}/bn`, ctx, newState, NAME));
  });
  const y = tanh(conv2dTranspose(h, { kernel: p("out/kernel"), bias: p("out/bias") }, DCGAN_CONV));
  return { y, state: newState };
}

export function dcganGenerator(options: DcganGeneratorOptions = {}): DcganGenerator {
  const config = parseDcganOptions(dcganGeneratorSchema, options, NAME);
  const geometry = dcganGeometry(config.image, config.width, NAME);
  return Object.freeze({
    config,
    geometry,
    inputShape: [config.latent],
    outputShape: [...config.image],
    ...(config.numClasses !== undefined ? { numClasses: config.numClasses } : {}),
    init: (rng: Rng) => init(config, geometry, rng),
    apply(params: Params, state: Params, z: tf.Tensor, ctx: ApplyContext): NetworkOutput {
      checkInput(z, [config.latent], NAME);
      return tf.tidy(() => forward(config, geometry, params, state, z, ctx) as unknown as tf.TensorContainer) as unknown as NetworkOutput;
    },
  });
}
