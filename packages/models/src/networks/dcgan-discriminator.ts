// DCGAN discriminator (Radford et al. 2015): stride-2 4×4 convolutions with leakyReLU(0.2), a chosen
// normalisation after every conv but the first (none | layer | batch), then a linear head on the
// flattened (HWC-order) features → 1 logit. Conditional: projection discriminator (Miyato & Koyama
// 2018, eq. 3): logit += ⟨embed(y), φ(x)⟩ with φ(x) the flattened features the head reads.
import { tf, type ApplyContext, type Network, type NetworkOutput, type Params, type Rng } from "@gantry/core";
import { leakyRelu } from "../layers/activations.js";
import { batchNormInit } from "../layers/batch-norm.js";
import { conv2d, conv2dInit } from "../layers/conv2d.js";
import { DCGAN_STD } from "../layers/dcgan-init.js";
import { dense, denseInit } from "../layers/dense.js";
import { embedding, embeddingInit } from "../layers/embedding.js";
import { layerNorm, layerNormInit } from "../layers/layer-norm.js";
import { param } from "../layers/param.js";
import { requireLabels } from "./conditional-labels.js";
import { checkInput, namedBatchNorm } from "./dcgan-blocks.js";
import { DCGAN_CONV, DCGAN_KERNEL, dcganGeometry, type DcganGeometry } from "./dcgan-geometry.js";
import {
  dcganDiscriminatorSchema, parseDcganOptions, type DcganDiscriminatorConfig, type DcganDiscriminatorOptions,
} from "./dcgan-schemas.js";

const NAME = "dcgan-discriminator";

export interface DcganDiscriminator extends Network {
  readonly config: DcganDiscriminatorConfig;
  readonly geometry: DcganGeometry;
}

/** Channels of conv1 … conv{k}: width, 2·width, … (the generator's widths reversed). */
function convWidths(g: DcganGeometry): number[] {
  return [...g.widths].reverse();
}

/** A bias right before batch norm is cancelled by the mean subtraction: conv{i+1} has none then. */
function hasBias(c: DcganDiscriminatorConfig, i: number): boolean {
  return i === 0 || c.norm !== "batch";
}

function featureSize(g: DcganGeometry): number {
  return g.base * g.base * g.widths[0];
}

function init(c: DcganDiscriminatorConfig, g: DcganGeometry, rng: Rng): { params: Params; state: Params } {
  const params: Record<string, tf.Tensor> = {};
  const state: Record<string, tf.Tensor> = {};
  const add = (prefix: string, p: Params, into: Record<string, tf.Tensor>): void => {
    for (const [k, t] of Object.entries(p)) into[`${prefix}/${k}`] = t;
  };
  let inputs = g.channels;
  convWidths(g).forEach((outputs, i) => {
    const normed = i > 0 && c.norm !== "none";
    add(`conv${i + 1}`, conv2dInit(rng, DCGAN_KERNEL, inputs, outputs, hasBias(c, i)), params);
    if (normed && c.norm === "batch") {
      const bn = batchNormInit(rng, outputs);
      add(`conv${i + 1}/norm`, bn.params, params);
      add(`conv${i + 1}/norm`, bn.state, state);
    }
    if (normed && c.norm === "layer") add(`conv${i + 1}/norm`, layerNormInit(rng, outputs), params);
    inputs = outputs;
  });
  add("head", denseInit(rng, featureSize(g), 1, true), params);
  // N(0, 0.02²) like every DCGAN weight: the projection sums over |φ| features, so a unit-variance
  // table would start the logits far from 0.
  if (c.numClasses !== undefined) params["embed/table"] = embeddingInit(rng, c.numClasses, featureSize(g), DCGAN_STD);
  return { params, state };
}

function normalise(
  c: DcganDiscriminatorConfig, h: tf.Tensor, params: Params, state: Params, prefix: string,
  ctx: ApplyContext, newState: Record<string, tf.Tensor>,
): tf.Tensor {
  if (c.norm === "batch") return namedBatchNorm(h, params, state, prefix, ctx, newState, NAME);
  if (c.norm === "layer") return layerNorm(h, { gamma: param(params, `${prefix}/gamma`, NAME), beta: param(params, `${prefix}/beta`, NAME) });
  return h;
}

function forward(c: DcganDiscriminatorConfig, g: DcganGeometry, params: Params, state: Params, x: tf.Tensor, ctx: ApplyContext): NetworkOutput {
  const newState: Record<string, tf.Tensor> = {};
  const p = (name: string): tf.Tensor => param(params, name, NAME);
  let h = x;
  convWidths(g).forEach((_, i) => {
    const name = `conv${i + 1}`;
    h = conv2d(h, { kernel: p(`${name}/kernel`), ...(hasBias(c, i) ? { bias: p(`${name}/bias`) } : {}) }, DCGAN_CONV);
    if (i > 0) h = normalise(c, h, params, state, `${name}/norm`, ctx, newState);
    h = leakyRelu(h, c.leak);
  });
  const features = tf.reshape(h, [x.shape[0], featureSize(g)]);
  let y = dense(features, { kernel: p("head/kernel"), bias: p("head/bias") });
  if (c.numClasses !== undefined) {
    const labels = requireLabels(ctx, x.shape[0], c.numClasses, NAME);
    y = tf.add(y, tf.sum(tf.mul(embedding(labels, p("embed/table")), features), 1, true));
  }
  return { y, state: newState };
}

export function dcganDiscriminator(options: DcganDiscriminatorOptions = {}): DcganDiscriminator {
  const config = parseDcganOptions(dcganDiscriminatorSchema, options, NAME);
  const geometry = dcganGeometry(config.image, config.width, NAME);
  return Object.freeze({
    config,
    geometry,
    inputShape: [...config.image],
    outputShape: [1],
    ...(config.numClasses !== undefined ? { numClasses: config.numClasses } : {}),
    init: (rng: Rng) => init(config, geometry, rng),
    apply(params: Params, state: Params, x: tf.Tensor, ctx: ApplyContext): NetworkOutput {
      checkInput(x, config.image, NAME);
      return tf.tidy(() => forward(config, geometry, params, state, x, ctx) as unknown as tf.TensorContainer) as unknown as NetworkOutput;
    },
  });
}
