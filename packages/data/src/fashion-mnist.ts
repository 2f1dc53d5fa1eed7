// Fashion-MNIST (Xiao et al. 2017) from the real IDX files: where Debian's `dataset-fashion-mnist`
// installs them (/usr/share/datasets/fashion-mnist), found via `dpkg -L` otherwise, or a `dir`.
// Never downloads anything.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { GantryError } from "@gantry/core";
import type { ArrayDataset } from "./array-dataset.js";
import { idxDataset } from "./idx-dataset.js";

export const FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

export interface FashionMnistOptions {
  /** Folder holding {train,t10k}-{images-idx3,labels-idx1}-ubyte(.gz); default: the Debian package's. */
  readonly dir?: string;
  readonly split?: "train" | "test";
  readonly batchSize?: number;
}

/** The files of one split in a folder, preferring .gz, or undefined when they are not all there. */
export function fashionMnistFiles(dir: string, split: "train" | "test"): { images: string; labels: string } | undefined {
  const prefix = split === "train" ? "train" : "t10k";
  const find = (stem: string) => [`${stem}.gz`, stem].map((f) => join(dir, f)).find((f) => existsSync(f));
  const images = find(`${prefix}-images-idx3-ubyte`);
  const labels = find(`${prefix}-labels-idx1-ubyte`);
  return images && labels ? { images, labels } : undefined;
}

/** The folder where dataset-fashion-mnist is installed, or undefined. */
export function findFashionMnistDir(): string | undefined {
  if (fashionMnistFiles(FASHION_MNIST_DIR, "train")) return FASHION_MNIST_DIR;
  try {
    const listed = execFileSync("dpkg", ["-L", "dataset-fashion-mnist"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const file = listed.split("\n").find((l) => l.endsWith("train-images-idx3-ubyte.gz"));
    return file ? dirname(file) : undefined;
  } catch {
    return undefined;
  }
}

/** Fashion-MNIST images [28, 28, 1] in [−1, 1] with labels 0–9 (60 000 train, 10 000 test). */
export function fashionMnist(options: FashionMnistOptions = {}): ArrayDataset {
  const split = options.split ?? "train";
  const dir = options.dir ?? findFashionMnistDir();
  const files = dir === undefined ? undefined : fashionMnistFiles(dir, split);
  if (!files) {
    const where = dir ?? FASHION_MNIST_DIR;
    throw new GantryError("DATA_NOT_FOUND", `Fashion-MNIST ${split} files not found in ${where}`, {
      where: { file: where, field: options.dir === undefined ? undefined : "dir" },
      hint: "install them with `apt-get install dataset-fashion-mnist`, or pass `dir` pointing to a folder with "
        + `${split === "train" ? "train" : "t10k"}-images-idx3-ubyte.gz and ${split === "train" ? "train" : "t10k"}-labels-idx1-ubyte.gz`,
    });
  }
  return idxDataset({ ...files, batchSize: options.batchSize, name: `fashion-mnist/${split}` });
}
