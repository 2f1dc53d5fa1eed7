// Assembles a mixture's samples in draw order: given which component makes each row, every component
// samples its own rows once (one forward pass each), and the rows are put back where they were drawn.
// Shared by MAD-GAN's generator mixture and AdaGAN's mixture of rounds.
import { tf } from "@gantry/core";

/** Rows in draw order: row j comes from `sampleRows(which[j], …)`. Call inside tf.tidy. */
export function mixtureRows(which: Int32Array, components: number, sampleRows: (component: number, rows: number[]) => tf.Tensor): tf.Tensor {
  const rows = Array.from({ length: components }, (_, i) => [...which.keys()].filter((j) => which[j] === i));
  const outs = rows.flatMap((idx, i) => (idx.length > 0 ? [sampleRows(i, idx)] : []));
  const inverse = new Int32Array(which.length);
  rows.flat().forEach((row, at) => { inverse[row] = at; });
  return tf.gather(tf.concat(outs), tf.tensor1d(inverse, "int32"));
}
