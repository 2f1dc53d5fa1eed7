// The browser-safe plugin object: datasets ring and grid, each with a zod params schema, plus the params
// schemas of the file datasets, whose entries live in node-plugin.ts (@gantry/data/node). Stream options
// (seed, position, weights…) are given to `stream()`; `batchSize` is a param too, because specs set it on
// the dataset node, and `stream()` defaults to it.
import { definePlugin, entry, z } from "@gantry/core";
import pkg from "../package.json" with { type: "json" };
import { grid, ring } from "./mixture.js";

const batchSize = z.number().int().positive().default(64).describe("default batch size of stream()");
const split = z.enum(["train", "test"]).default("train");
const mixture = {
  dim: z.number().int().min(2).optional().describe("embed the 2-D mixture in this many dims (fixed random orthonormal map)"),
  embedSeed: z.number().int().default(0).describe("seed of the embedding map"),
  size: z.number().int().positive().optional().describe("a fixed set of this many points (reweightable, e.g. by AdaGAN); omit for fresh draws forever"),
  pointsSeed: z.number().int().optional().describe("seed of the fixed points when size is given (default 0)"),
  batchSize,
};

export const ringSchema = z.object({
  modes: z.number().int().positive().default(8),
  radius: z.number().positive().default(2),
  std: z.number().positive().default(0.02),
  ...mixture,
});
export const gridSchema = z.object({
  side: z.number().int().positive().default(5).describe("modes per axis (side² modes)"),
  spacing: z.number().positive().default(2),
  std: z.number().positive().default(0.05),
  ...mixture,
});
export const fashionMnistSchema = z.object({ dir: z.string().optional().describe("default: where dataset-fashion-mnist installs it"), split, batchSize });
export const idxSchema = z.object({ images: z.string(), labels: z.string().optional(), batchSize });
export const cifar10Schema = z.object({ dir: z.string(), split, batchSize });
export const imageFolderSchema = z.object({
  dir: z.string(),
  size: z.union([z.number().int().positive(), z.tuple([z.number().int().positive(), z.number().int().positive()])]).optional(),
  channels: z.union([z.literal(1), z.literal(3)]).default(3),
  batchSize,
});
export const npySchema = z.object({ path: z.string(), labels: z.string().optional(), batchSize });

/** The synthetic mixtures' entries, shared by this plugin and the Node one (node-plugin.ts). */
export const mixtureEntries = [
  entry({ kind: "dataset", name: "ring", description: "k Gaussians on a circle (Unrolled GAN)", params: ringSchema, create: (p) => ring(p) }),
  entry({ kind: "dataset", name: "grid", description: "5×5 Gaussians on a grid (PacGAN, VEEGAN)", params: gridSchema, create: (p) => grid(p) }),
] as const;

/** Datasets that need no file system (ring, grid); in Node, @gantry/data/node's dataPlugin adds the file datasets. */
export const dataPlugin = definePlugin({ name: "@gantry/data", version: pkg.version, provides: [...mixtureEntries] });
