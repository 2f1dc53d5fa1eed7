// Center crop to a target aspect ratio, then bilinear resize (half-pixel centres, as PIL and PyTorch),
// for decoded images of any size. Pure (no file access), so it is browser-safe; image-folder.ts uses it.
import { tf } from "@gantry/core";
import type { Pixels } from "./decode-image.js";

/** Center crop to the target aspect ratio, then bilinear resize; rounds back to uint8. */
export function cropResize(img: Pixels, height: number, width: number): Uint8Array {
  const s = Math.min(img.height / height, img.width / width);
  const ch = Math.min(img.height, Math.round(height * s));
  const cw = Math.min(img.width, Math.round(width * s));
  if (ch === height && cw === width && img.height === height && img.width === width) return img.data;
  const y0 = Math.floor((img.height - ch) / 2);
  const x0 = Math.floor((img.width - cw) / 2);
  const out = tf.tidy(() => {
    const t = tf.tensor3d(img.data, [img.height, img.width, img.channels], "float32");
    const crop = tf.slice(t, [y0, x0, 0], [ch, cw, img.channels]);
    return tf.clipByValue(tf.round(tf.image.resizeBilinear(crop, [height, width], false, true)), 0, 255);
  });
  const values = Uint8Array.from(out.dataSync());
  out.dispose();
  return values;
}
