// @gantry/data public API, browser-safe: no module here imports node:*. File readers (IDX, Fashion-MNIST,
// CIFAR-10, image folders, .npy files) and the plugin with the file datasets are in ./node.ts
// (@gantry/data/node).
export { dataPlugin, ringSchema, gridSchema, fashionMnistSchema, idxSchema, cifar10Schema, imageFolderSchema, npySchema } from "./plugin.js";
export { ring, grid, ringCentres, gridCentres, orthonormalMap, MixtureDataset, type RingOptions, type GridOptions, type MixtureOptions } from "./mixture.js";
export { ArrayDataset, gatherSamples, type ArraySource, type ArrayDatasetOptions } from "./array-dataset.js";
export { indexCursor, shuffledCursor, sequentialCursor, weightedCursor, resolveStreamOptions, type IndexCursor, type ResolvedStreamOptions } from "./index-cursor.js";
export { decodeIdx, encodeIdx, type IdxArray, type IdxDtype } from "./idx.js";
export { FASHION_MNIST_CLASSES, CIFAR10_CLASSES } from "./class-names.js";
export { cropResize } from "./crop-resize.js";
export { decodeImage, type Pixels } from "./decode-image.js";
export { decodeNpy, encodeNpy, npyFromTensor, type NpyArray, type NpyDtype, type NpyTypedArray } from "./npy.js";
