// DCGAN discriminator: exact parameter counts (README table), shapes, norms, the projection term,
// gradients w.r.t. input and parameters against central finite differences along random directions,
// and a second-order gradient (an R1-style penalty) through the per-sample norms.
import { GantryError, Rng, countParams, disposeParams, tf, type Params } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { dcganDiscriminator, type DcganDiscriminator } from "./dcgan-discriminator.js";
import type { DcganNorm } from "./dcgan-schemas.js";

// Counts by hand, width 64 (4×4 kernels; batch norm replaces the conv bias, layer norm keeps it):
//  28×28×1: conv1 16·1·64 + 64 = 1 088, conv2 16·64·128 = 131 072 (+128 bias), head 7·7·128 + 1 = 6 273
//           none 138 561 · batch +256 γβ → 138 689 · layer +128 bias +256 γβ → 138 817
//  32×32×3: conv1 16·3·64 + 64 = 3 136, conv2 131 072 (+128), conv3 16·128·256 = 524 288 (+256),
//           head 4·4·256 + 1 = 4 097; none 662 977 · batch 663 361 · layer 663 745
//  conditional (projection), 10 classes: + 10·6 272 (28) or 10·4 096 (32)
const counts: { image: [number, number, number]; norm: DcganNorm; numClasses?: number; params: number; state: number }[] = [
  { image: [28, 28, 1], norm: "none", params: 138_561, state: 0 },
  { image: [28, 28, 1], norm: "batch", params: 138_689, state: 256 },
  { image: [28, 28, 1], norm: "layer", params: 138_817, state: 0 },
  { image: [32, 32, 3], norm: "none", params: 662_977, state: 0 },
  { image: [32, 32, 3], norm: "batch", params: 663_361, state: 768 },
  { image: [32, 32, 3], norm: "layer", params: 663_745, state: 0 },
  { image: [28, 28, 1], norm: "batch", numClasses: 10, params: 138_689 + 62_720, state: 256 },
  { image: [32, 32, 3], norm: "batch", numClasses: 10, params: 663_361 + 40_960, state: 768 },
];

/** Σ r·D(x) in training mode, as a float64 number. */
function objective(d: DcganDiscriminator, params: Params, state: Params, x: tf.Tensor, r: tf.Tensor, labels?: tf.Tensor): number {
  return tf.tidy(() => {
    const out = d.apply(params, state, x, { training: true, labels });
    const y = Array.from(out.y.dataSync());
    const w = r.dataSync();
    return y.reduce((s, v, i) => s + v * w[i], 0);
  });
}

function dotAll(a: readonly tf.Tensor[], b: readonly tf.Tensor[]): number {
  let s = 0;
  a.forEach((t, i) => {
    const u = t.dataSync();
    const v = b[i].dataSync();
    for (let j = 0; j < u.length; j++) s += u[j] * v[j];
  });
  return s;
}

/**
 * The same network with weights ~1/√fan_in instead of DCGAN's 0.02, so that activations and logits
 * are O(1) and a finite difference in float32 measures the gradient rather than round-off.
 */
function wellScaled(params: Params): Params {
  return Object.fromEntries(Object.entries(params).map(([name, t]) => {
    const fanIn = name === "embed/table" ? (t.shape[1] as number) : t.size / (t.shape[t.rank - 1] as number);
    const weight = name.endsWith("/kernel") || name === "embed/table";
    return [name, weight ? tf.mul(t, 1 / (0.02 * Math.sqrt(fanIn))) : tf.clone(t)];
  }));
}

/** Random unit direction over a list of tensors (norm 1 over all of them together). */
function direction(rng: Rng, like: readonly tf.Tensor[]): tf.Tensor[] {
  const raw = like.map((t) => rng.normal(t.shape));
  const norm = Math.sqrt(dotAll(raw, raw));
  const out = raw.map((t) => tf.div(t, norm));
  tf.dispose(raw);
  return out;
}

describe("dcganDiscriminator options", () => {
  it("defaults to batch norm and leak 0.2; rejects an unknown norm", () => {
    expect(dcganDiscriminator().config).toMatchObject({ norm: "batch", leak: 0.2, width: 64, image: [28, 28, 1] });
    try {
      dcganDiscriminator({ norm: "group" as never });
      expect.unreachable();
    } catch (e) {
      expect((e as GantryError).code).toBe("PARAMS_INVALID");
      expect((e as GantryError).where.field).toBe("params.norm");
    }
  });
});

// Parameter counts do not depend on the backend: one backend is enough.
describeBackends("dcganDiscriminator parameter counts", () => {
  for (const c of counts) {
    it(`has ${c.params} parameters at ${c.image.join("×")}, norm ${c.norm}${c.numClasses ? ", conditional" : ""}`, async () => {
      await expectNoTensorLeak(() => {
        const d = dcganDiscriminator({ image: c.image, norm: c.norm, numClasses: c.numClasses });
        const { params, state } = d.init(Rng.seeded(1));
        expect(countParams(params)).toBe(c.params);
        expect(countParams(state)).toBe(c.state);
        disposeParams(params, state);
      });
    });
  }
}, { only: ["cpu"] });

describeBackends("dcganDiscriminator", () => {
  it("maps [N, 32, 32, 3] to [N, 1] logits; layer norm is per sample, batch norm is not", async () => {
    await expectNoTensorLeak(() => {
      const rng = Rng.seeded(3);
      const x = rng.uniform([3, 32, 32, 3], -1, 1);
      const first = tf.slice(x, [0, 0, 0, 0], [1, 32, 32, 3]);
      for (const norm of ["none", "layer", "batch"] as const) {
        const d = dcganDiscriminator({ image: [32, 32, 3], width: 4, norm });
        const { params, state } = d.init(rng);
        const all = d.apply(params, state, x, { training: true });
        const one = d.apply(params, state, first, { training: norm !== "batch" });
        expect(all.y.shape).toEqual([3, 1]);
        const alone = one.y.dataSync()[0];
        const inBatch = all.y.dataSync()[0];
        if (norm === "batch") expect(Math.abs(alone - inBatch)).toBeGreaterThan(1e-6);
        else expect(Math.abs(alone - inBatch)).toBeLessThan(1e-5);
        disposeParams(params, state, all.state, one.state);
        tf.dispose([all.y, one.y]);
      }
      tf.dispose([x, first]);
    });
  });

  it("projection: logit = head(φ) + ⟨embed(y), φ⟩ with φ the head's input (Miyato & Koyama eq. 3)", async () => {
    await expectNoTensorLeak(() => {
      const rng = Rng.seeded(5);
      const d = dcganDiscriminator({ width: 4, norm: "layer", numClasses: 3 });
      const { params, state } = d.init(rng);
      const x = rng.uniform([2, 28, 28, 1], -1, 1);
      const labels = tf.tensor1d([2, 2], "int32");
      const a = d.apply(params, state, x, { training: false, labels });
      const zeroTable = tf.zerosLike(params["embed/table"]);
      const b = d.apply({ ...params, "embed/table": zeroTable }, state, x, { training: false, labels });
      // Σᵢ φ(xᵢ) = ∂(Σᵢ logitᵢ)/∂(head kernel), so Σᵢ (a − b)ᵢ must equal ⟨embed(2), Σᵢ φ(xᵢ)⟩.
      const sumPhi = tf.grad((k: tf.Tensor) => tf.sum(d.apply({ ...params, "head/kernel": k }, state, x, { training: false, labels }).y))(params["head/kernel"]);
      const row = tf.tidy(() => tf.reshape(tf.slice(params["embed/table"], [2, 0], [1, -1]), [-1]));
      const flatPhi = tf.reshape(sumPhi, [-1]);
      const want = dotAll([row], [flatPhi]);
      const av = a.y.dataSync();
      const bv = b.y.dataSync();
      const got = av[0] - bv[0] + av[1] - bv[1];
      expect(Math.abs(want)).toBeGreaterThan(1e-6);
      expect(Math.abs(got - want)).toBeLessThan(1e-6 + 1e-3 * Math.abs(want));
      expect(() => d.apply(params, state, x, { training: false })).toThrow(/no labels/);
      tf.dispose([x, labels, a.y, b.y, zeroTable, sumPhi, row, flatPhi]);
      disposeParams(params, state, a.state, b.state);
    });
  });

  for (const norm of ["none", "layer", "batch"] as const) {
    it(`gradients w.r.t. input and parameters match central differences (norm ${norm}, conditional)`, async () => {
      await expectNoTensorLeak(() => {
        const rng = Rng.seeded(17);
        const d = dcganDiscriminator({ width: 4, norm, numClasses: 2 });
        const fresh = d.init(rng);
        const init = { params: wellScaled(fresh.params), state: fresh.state };
        disposeParams(fresh.params);
        const names = Object.keys(init.params).sort();
        const x = rng.uniform([3, 28, 28, 1], -1, 1);
        const r = rng.normal([3, 1]);
        const labels = tf.tidy(() => tf.tensor1d([0, 1, 1], "int32"));
        const inputs = [x, ...names.map((n) => init.params[n])];
        const f = (...ts: tf.Tensor[]): tf.Scalar => {
          const params = Object.fromEntries(names.map((n, i) => [n, ts[i + 1]]));
          return tf.sum(tf.mul(d.apply(params, init.state, ts[0], { training: true, labels }).y, r));
        };
        const grads = tf.grads(f)(inputs);
        for (const g of grads) expect(g.dataSync().every(Number.isFinite)).toBe(true);
        // Check the input block and the parameter block separately, each along a random unit direction.
        for (const block of [[0], names.map((_, i) => i + 1)]) {
          const v = direction(rng, block.map((i) => inputs[i]));
          const analytic = dotAll(block.map((i) => grads[i]), v);
          const at = (step: number): number =>
            tf.tidy(() => {
              const moved = inputs.map((t) => t);
              block.forEach((i, j) => (moved[i] = tf.add(inputs[i], tf.mul(v[j], step))));
              const params = Object.fromEntries(names.map((n, i) => [n, moved[i + 1]]));
              return objective(d, params, init.state, moved[0], r, labels);
            });
          // Central differences. The logits move ~15× faster along parameters (‖∇θ‖ ≈ 30) than
          // along the input (‖∇x‖ ≈ 2), so curvature needs the smaller step there; float32 round-off
          // of the O(1) objective stays near 1e-4 absolute at h = 1e-3. Measured: ≤ 2e-4 (cpu, wasm).
          const h = block.length === 1 ? 1e-2 : 1e-3;
          const numeric = (at(h) - at(-h)) / (2 * h);
          const scale = Math.sqrt(dotAll(block.map((i) => grads[i]), block.map((i) => grads[i])));
          // Relative to the directional derivative, or to 10 % of the gradient norm when the random
          // direction happens to be nearly orthogonal to the gradient.
          expect(Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), 0.1 * scale)).toBeLessThan(1e-3);
          tf.dispose(v);
        }
        tf.dispose([...grads, x, r, labels]);
        disposeParams(init.params, init.state);
      });
    });
  }

  for (const norm of ["none", "layer"] as const) {
    it(`supports a second-order gradient (R1 penalty ‖∇x D(x)‖² → ∇θ) with norm ${norm}`, async () => {
      await expectNoTensorLeak(() => {
        const rng = Rng.seeded(23);
        const d = dcganDiscriminator({ width: 4, norm });
        const init = d.init(rng);
        // head/bias does not reach ∇x D, and tf.grads refuses parameters with no path to the result.
        const names = Object.keys(init.params).filter((n) => n !== "head/bias").sort();
        const x = rng.uniform([2, 28, 28, 1], -1, 1);
        const penalty = (...ps: tf.Tensor[]): tf.Scalar => {
          const params = { ...init.params, ...Object.fromEntries(names.map((n, i) => [n, ps[i]])) };
          const gx = tf.grad((xi: tf.Tensor) => tf.sum(d.apply(params, init.state, xi, { training: true }).y))(x);
          return tf.sum(tf.square(gx));
        };
        const grads = tf.grads(penalty)(names.map((n) => init.params[n]));
        const norms = grads.map((g) => tf.tidy(() => tf.norm(g).dataSync()[0]));
        expect(norms.every(Number.isFinite)).toBe(true);
        expect(Math.max(...norms)).toBeGreaterThan(0);
        tf.dispose([...grads, x]);
        disposeParams(init.params, init.state);
      });
    });
  }
});
