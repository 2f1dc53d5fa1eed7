// Image folders (torchvision's ImageFolder layout): root/<class>/**/*.{png,jpg,jpeg}, classes numbered
// by sorted sub-folder name; or images directly in root (no labels). Each image is center-cropped to
// the target aspect ratio and resized with tf.image.resizeBilinear (half-pixel centres, no antialiasing).
import { readdirSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import { ArrayDataset } from "./array-dataset.js";
import { fileError } from "./data-error.js";
import { cropResize } from "./crop-resize.js";
import { decodeImage } from "./decode-image.js";
import { readBytes } from "./read-bytes.js";

export interface ImageFolderOptions {
  readonly dir: string;
  /** Target [height, width] (or one number for a square); default: the first image's size. */
  readonly size?: number | readonly [number, number];
  /** 3 for RGB (default), 1 for grayscale. */
  readonly channels?: 1 | 3;
  readonly batchSize?: number;
}

const IMAGE_EXT = /\.(png|jpe?g)$/i;

/** The images of a folder with their class index, and the class names (empty when unlabelled). */
export function listImageFolder(dir: string): { files: { file: string; label: number }[]; classes: string[] } {
  const entries = readDir(dir);
  const seen = new Set([realPath(dir)]);
  const classes = entries.filter((n) => isDirectory(join(dir, n))).sort();
  const files = classes.length > 0
    ? classes.flatMap((c, label) => walk(join(dir, c), seen).map((file) => ({ file, label })))
    : entries.filter((n) => IMAGE_EXT.test(n)).sort().map((n) => ({ file: join(dir, n), label: -1 }));
  if (files.length === 0) {
    throw fileError("DATA_EMPTY", dir, "no .png, .jpg or .jpeg images found in the folder or its class sub-folders",
      "put images in dir/<class-name>/ (or directly in dir for an unlabelled set)");
  }
  return { files, classes };
}

function readDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (e) {
    throw fileError("DATA_NOT_FOUND", dir, "cannot read the image folder", "check `dir`; relative paths are resolved from the current directory", e);
  }
}

/** stat() as a clear error: a dangling or looping symbolic link names itself instead of throwing ELOOP/ENOENT. */
function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch (e) {
    throw fileError("DATA_NOT_FOUND", path, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      "a symbolic link in the image folder points nowhere, or at itself: remove or fix it", e);
  }
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch (e) {
    throw fileError("DATA_NOT_FOUND", path, "cannot resolve the folder's real path", "check the folder and the links in it", e);
  }
}

/** Images under `dir`, sorted; a folder reached again through a symbolic link (a loop) is read once. */
function walk(dir: string, seen: Set<string>): string[] {
  const real = realPath(dir);
  if (seen.has(real)) return [];
  seen.add(real);
  return readDir(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    if (isDirectory(p)) return walk(p, seen);
    return IMAGE_EXT.test(n) ? [p] : [];
  });
}

/** Decodes, crops and resizes every image into one Uint8Array [N, H, W, C]. */
export function imageFolder(options: ImageFolderOptions): ArrayDataset {
  const { files, classes } = listImageFolder(options.dir);
  const channels = options.channels ?? 3;
  const first = decodeImage(readBytes(files[0].file), files[0].file, channels);
  const [h, w] = options.size === undefined ? [first.height, first.width] : typeof options.size === "number" ? [options.size, options.size] : options.size;
  const per = h * w * channels;
  const x = new Uint8Array(files.length * per);
  files.forEach(({ file }, i) => {
    const img = i === 0 ? first : decodeImage(readBytes(file), file, channels);
    if (options.size === undefined && (img.height !== h || img.width !== w)) {
      throw fileError("DATA_BAD_SHAPE", file, `image is ${img.height}×${img.width}, the first image (${files[0].file}) is ${h}×${w}`, "pass `size` to resize every image to one size");
    }
    x.set(cropResize(img, h, w), i * per);
  });
  const labels = classes.length > 0 ? Int32Array.from(files, (f) => f.label) : undefined;
  return new ArrayDataset({ name: "image-folder", sampleShape: [h, w, channels], x, labels, numClasses: classes.length || undefined, classNames: classes }, { batchSize: options.batchSize });
}
