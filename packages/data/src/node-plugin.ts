// The Node plugin object: ring and grid (as the browser-safe one) plus the file datasets fashion-mnist,
// idx, cifar10, image-folder and npy, which read the file system. Same plugin name as the root one,
// since it replaces it: register one of the two, not both.
import { definePlugin, entry } from "@gantry/core";
import pkg from "../package.json" with { type: "json" };
import { cifar10 } from "./cifar10.js";
import { fashionMnist } from "./fashion-mnist.js";
import { idxDataset } from "./idx-dataset.js";
import { imageFolder } from "./image-folder.js";
import { npyDataset } from "./npy-dataset.js";
import { cifar10Schema, fashionMnistSchema, idxSchema, imageFolderSchema, mixtureEntries, npySchema } from "./plugin.js";

export const dataPlugin = definePlugin({
  name: "@gantry/data",
  version: pkg.version,
  provides: [
    ...mixtureEntries,
    entry({ kind: "dataset", name: "fashion-mnist", description: "Fashion-MNIST from dataset-fashion-mnist", params: fashionMnistSchema, create: (p) => fashionMnist(p) }),
    entry({ kind: "dataset", name: "idx", description: "IDX (MNIST-format) images and labels, plain or .gz", params: idxSchema, create: (p) => idxDataset(p) }),
    entry({ kind: "dataset", name: "cifar10", description: "CIFAR-10 binary batches", params: cifar10Schema, create: (p) => cifar10(p) }),
    entry({ kind: "dataset", name: "image-folder", description: "PNG/JPEG images in class sub-folders", params: imageFolderSchema, create: (p) => imageFolder(p) }),
    entry({ kind: "dataset", name: "npy", description: "samples (and labels) from .npy files", params: npySchema, create: (p) => npyDataset(p) }),
  ],
});
