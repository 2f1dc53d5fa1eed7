// conv2dTranspose is the adjoint of conv2d with the same geometry and kernel (PyTorch's definition of
// ConvTranspose2d): ⟨convT(x; K), y⟩ = ⟨x, conv(y; K)⟩ for all x, y, where conv reads K as
// [kh, kw, in = convT's out, out = convT's in]. Checked in float64 sums of float32 outputs, rel. 1e-5.
import { Rng, tf } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import { conv2d, conv2dOutputSize } from "./conv2d.js";
import { conv2dTranspose, conv2dTransposeOutputSize } from "./conv2d-transpose.js";

function dot(a: tf.Tensor, b: tf.Tensor): number {
  const x = a.dataSync();
  const y = b.dataSync();
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

describeBackends("conv2dTranspose", () => {
  it("doubles the side with k=4, stride 2, pad 1, and conv2d halves it back", () => {
    const g = { stride: 2, pad: 1 };
    for (const n of [4, 7, 8, 14, 16]) {
      expect(conv2dTransposeOutputSize(n, 4, g)).toBe(2 * n);
      expect(conv2dOutputSize(2 * n, 4, g)).toBe(n);
    }
  });

  for (const [side, stride, pad, k] of [[7, 2, 1, 4], [4, 2, 1, 4], [5, 1, 1, 3], [3, 2, 0, 3]]) {
    it(`is the adjoint of conv2d (side ${side}, k ${k}, stride ${stride}, pad ${pad})`, async () => {
      await expectNoTensorLeak(() => {
        const rng = Rng.seeded(side * 100 + k);
        const [cin, cout] = [3, 2];
        const g = { stride, pad };
        const kernel = rng.normal([k, k, cout, cin]);
        const x = rng.normal([2, side, side, cin]);
        const up = conv2dTranspose(x, { kernel }, g);
        const outSide = conv2dTransposeOutputSize(side, k, g);
        expect(up.shape).toEqual([2, outSide, outSide, cout]);
        const y = rng.normal(up.shape);
        const down = conv2d(y, { kernel }, g);
        expect(down.shape).toEqual(x.shape);
        const lhs = dot(up, y);
        const rhs = dot(x, down);
        expect(Math.abs(lhs - rhs) / Math.max(1, Math.abs(lhs))).toBeLessThan(1e-5);
        tf.dispose([kernel, x, up, y, down]);
      });
    });
  }
});
