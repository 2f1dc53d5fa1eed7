// Parameters of the `mlp` network (zod 4): layer sizes, activations and initialisation scheme.
// Kept apart from mlp.ts so the plugin and docs can read the schema without building a network.
import { z } from "@gantry/core";

const size = z.number().int().positive();

export const mlpActivations = ["relu", "leakyRelu", "tanh", "elu", "softplus", "sigmoid", "linear"] as const;
export type MlpActivation = (typeof mlpActivations)[number];

export const mlpSchema = z.object({
  input: size.describe("input features (latent size for a generator, sample size for a discriminator)"),
  hidden: z.array(size).default([]).describe("hidden layer widths, in order"),
  output: size.describe("output features (1 for a discriminator's logit)"),
  activation: z.enum(mlpActivations).default("relu").describe("activation after every hidden layer"),
  alpha: z.number().min(0).max(1).default(0.2).describe("negative slope of leakyRelu"),
  outputActivation: z.enum(["none", "tanh", "sigmoid"]).default("none")
    .describe("activation after the last layer; keep none for a discriminator (losses take logits)"),
  init: z.enum(["pytorch", "dcgan"]).default("pytorch")
    .describe("pytorch: nn.Linear's U(±1/√fan_in) for weights and biases; dcgan: N(0, 0.02²) weights, zero biases"),
  numClasses: size.optional().describe("conditional: a one-hot label is concatenated to the input"),
}).strict();

export type MlpOptions = z.input<typeof mlpSchema>;
export type MlpConfig = z.output<typeof mlpSchema>;
