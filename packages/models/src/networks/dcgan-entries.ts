// The DCGAN plugin entries (network/dcgan-generator, network/dcgan-discriminator) and their public
// re-exports; plugin.ts spreads `dcganEntries` into the models plugin, index.ts re-exports this file.
import { entry } from "@gantry/core";
import { dcganDiscriminator } from "./dcgan-discriminator.js";
import { dcganGenerator } from "./dcgan-generator.js";
import { dcganDiscriminatorSchema, dcganGeneratorSchema } from "./dcgan-schemas.js";

export const dcganEntries = [
  entry({
    kind: "network",
    name: "dcgan-generator",
    description: "DCGAN generator: z → base map → stride-2 transposed convs (BN + ReLU) → tanh image; conditional by label embedding",
    params: dcganGeneratorSchema,
    create: (p) => dcganGenerator(p),
  }),
  entry({
    kind: "network",
    name: "dcgan-discriminator",
    description: "DCGAN discriminator: stride-2 convs (leakyReLU, norm none|layer|batch) → 1 logit; conditional by projection",
    params: dcganDiscriminatorSchema,
    create: (p) => dcganDiscriminator(p),
  }),
] as const;

export { dcganGenerator, type DcganGenerator } from "./dcgan-generator.js";
export { dcganDiscriminator, type DcganDiscriminator } from "./dcgan-discriminator.js";
export {
  dcganGeneratorSchema, dcganDiscriminatorSchema, type DcganGeneratorOptions, type DcganGeneratorConfig,
  type DcganDiscriminatorOptions, type DcganDiscriminatorConfig, type DcganNorm,
} from "./dcgan-schemas.js";
export { dcganGeometry, type DcganGeometry } from "./dcgan-geometry.js";
export { dense, denseInit, type DenseParams } from "../layers/dense.js";
export { conv2d, conv2dInit, conv2dOutputSize, type ConvParams, type ConvGeometry } from "../layers/conv2d.js";
export { conv2dTranspose, conv2dTransposeInit, conv2dTransposeOutputSize } from "../layers/conv2d-transpose.js";
export {
  batchNormTrain, batchNormEval, batchNormInit, type BatchNormParams, type BatchNormState, type BatchNormOptions,
} from "../layers/batch-norm.js";
export { layerNorm, layerNormInit, type LayerNormParams } from "../layers/layer-norm.js";
export { embedding, embeddingInit } from "../layers/embedding.js";
export { relu, leakyRelu, tanh } from "../layers/activations.js";
export { dcganWeight, dcganScale, DCGAN_STD } from "../layers/dcgan-init.js";
