// @gantry/data/node: what reads the file system (Node only). The plugin here is the root one plus the file
// datasets; everything else is in @gantry/data, which a browser bundle can import.
export { dataPlugin } from "./node-plugin.js";
export { readIdx } from "./idx-file.js";
export { idxDataset, type IdxDatasetOptions } from "./idx-dataset.js";
export { fashionMnist, findFashionMnistDir, fashionMnistFiles, FASHION_MNIST_DIR, type FashionMnistOptions } from "./fashion-mnist.js";
export { cifar10, readCifar10, cifar10Files, type Cifar10Options } from "./cifar10.js";
export { imageFolder, listImageFolder, type ImageFolderOptions } from "./image-folder.js";
export { readNpy, writeNpy } from "./npy-file.js";
export { npyDataset, type NpyDatasetOptions } from "./npy-dataset.js";
export { readBytes } from "./read-bytes.js";
