// @gantry/data public API.
export { dataPlugin, ringSchema, gridSchema, fashionMnistSchema, idxSchema, cifar10Schema, imageFolderSchema, npySchema } from "./plugin.js";
export { ring, grid, ringCentres, gridCentres, orthonormalMap, MixtureDataset, type RingOptions, type GridOptions, type MixtureOptions } from "./mixture.js";
export { ArrayDataset, gatherSamples, type ArraySource, type ArrayDatasetOptions } from "./array-dataset.js";
export { indexCursor, shuffledCursor, sequentialCursor, weightedCursor, resolveStreamOptions, type IndexCursor, type ResolvedStreamOptions } from "./index-cursor.js";
export { readIdx, decodeIdx, encodeIdx, type IdxArray, type IdxDtype } from "./idx.js";
export { idxDataset, type IdxDatasetOptions } from "./idx-dataset.js";
export { fashionMnist, findFashionMnistDir, fashionMnistFiles, FASHION_MNIST_DIR, FASHION_MNIST_CLASSES, type FashionMnistOptions } from "./fashion-mnist.js";
export { cifar10, readCifar10, cifar10Files, CIFAR10_CLASSES, type Cifar10Options } from "./cifar10.js";
export { imageFolder, listImageFolder, cropResize, type ImageFolderOptions } from "./image-folder.js";
export { decodeImage, type Pixels } from "./decode-image.js";
export { readNpy, decodeNpy, encodeNpy, writeNpy, npyFromTensor, type NpyArray, type NpyDtype, type NpyTypedArray } from "./npy.js";
export { npyDataset, type NpyDatasetOptions } from "./npy-dataset.js";
export { readBytes } from "./read-bytes.js";
