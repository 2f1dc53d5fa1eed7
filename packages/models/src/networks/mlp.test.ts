import { countParams, disposeParams, isGantryError, Rng, tf, type Params } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import { mlp } from "./mlp.js";

/** Float64 forward pass: x·W + b, activation between layers. */
function reference(params: Record<string, number[][] | number[]>, x: number[][], layers: number, act: (v: number) => number, out: (v: number) => number): number[][] {
  let h = x;
  for (let i = 0; i < layers; i++) {
    const w = params[`dense${i}/kernel`] as number[][];
    const b = params[`dense${i}/bias`] as number[];
    h = h.map((row) => b.map((bj, j) => row.reduce((s, v, k) => s + v * w[k][j], bj)));
    h = h.map((row) => row.map(i < layers - 1 ? act : out));
  }
  return h;
}

const toArrays = (p: Params) => Object.fromEntries(Object.entries(p).map(([k, t]) => [k, t.arraySync() as number[][] | number[]]));

describeBackends("mlp", () => {
  it("names and counts its parameters", async () => {
    await expectNoTensorLeak(() => {
      const net = mlp({ input: 256, hidden: [128, 128], output: 2 });
      const { params, state } = net.init(Rng.seeded(1));
      expect(Object.keys(params).sort()).toEqual(["dense0/bias", "dense0/kernel", "dense1/bias", "dense1/kernel", "dense2/bias", "dense2/kernel"]);
      expect(params["dense0/kernel"].shape).toEqual([256, 128]);
      // (256·128 + 128) + (128·128 + 128) + (128·2 + 2), as torch's sum(p.numel()) for the same nn.Sequential.
      expect(countParams(params)).toBe(256 * 128 + 128 + 128 * 128 + 128 + 128 * 2 + 2);
      expect(Object.keys(state)).toEqual([]);
      const cond = mlp({ input: 2, hidden: [16], output: 1, numClasses: 10 }).init(Rng.seeded(1));
      expect(countParams(cond.params)).toBe((2 + 10) * 16 + 16 + 16 + 1);
      disposeParams(params, cond.params);
    });
  });

  it("initialises like PyTorch (U(±1/√fan_in)) or DCGAN (N(0, 0.02²), zero bias)", async () => {
    await expectNoTensorLeak(() => {
      const torchLike = mlp({ input: 400, hidden: [300], output: 1 }).init(Rng.seeded(2)).params;
      const w = Array.from(torchLike["dense0/kernel"].dataSync());
      const bound = 1 / Math.sqrt(400);
      expect(Math.max(...w)).toBeLessThanOrEqual(bound);
      expect(Math.min(...w)).toBeGreaterThanOrEqual(-bound);
      // Var of U(−a, a) is a²/3; 120 000 draws give the std within ~0.5 %, 2 % leaves margin.
      const std = Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
      expect(std / (bound / Math.sqrt(3))).toBeCloseTo(1, 1);
      const dcgan = mlp({ input: 400, hidden: [300], output: 1, init: "dcgan" }).init(Rng.seeded(2)).params;
      const d = Array.from(dcgan["dense0/kernel"].dataSync());
      expect(Math.sqrt(d.reduce((s, v) => s + v * v, 0) / d.length)).toBeCloseTo(0.02, 3);
      expect(Math.max(...Array.from(dcgan["dense0/bias"].dataSync(), Math.abs))).toBe(0);
      disposeParams(torchLike, dcgan);
    });
  });

  it("the same seed gives the same weights", async () => {
    await expectNoTensorLeak(() => {
      const net = mlp({ input: 3, hidden: [5], output: 2 });
      const a = net.init(Rng.seeded(9)).params;
      const b = net.init(Rng.seeded(9)).params;
      expect(a["dense1/kernel"].arraySync()).toEqual(b["dense1/kernel"].arraySync());
      disposeParams(a, b);
    });
  });

  const cases = [
    { activation: "relu", f: (v: number) => Math.max(0, v) },
    { activation: "leakyRelu", f: (v: number) => (v > 0 ? v : 0.2 * v) },
    { activation: "tanh", f: Math.tanh },
    { activation: "elu", f: (v: number) => (v > 0 ? v : Math.expm1(v)) },
    { activation: "softplus", f: (v: number) => Math.log1p(Math.exp(v)) },
    { activation: "sigmoid", f: (v: number) => 1 / (1 + Math.exp(-v)) },
  ] as const;
  for (const { activation, f } of cases) {
    it(`forward pass with ${activation} matches float64 (tolerance 1e-5: float32 sums of ≤ 8 terms)`, async () => {
      await expectNoTensorLeak(() => {
        const net = mlp({ input: 3, hidden: [8, 4], output: 2, activation, outputActivation: "tanh" });
        const { params, state } = net.init(Rng.seeded(3));
        const x = [[0.5, -1.2, 2.0], [-0.3, 0.8, -2.2]];
        const xt = tf.tensor2d(x);
        const { y } = net.apply(params, state, xt, { training: true });
        const expected = reference(toArrays(params), x, 3, f, Math.tanh);
        const got = y.arraySync() as number[][];
        expected.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(got[i][j] - v)).toBeLessThan(1e-5)));
        tf.dispose([xt, y]);
        disposeParams(params);
      });
    });
  }

  it("conditional: concatenates a one-hot label, and requires labels", async () => {
    await expectNoTensorLeak(() => {
      const net = mlp({ input: 2, hidden: [4], output: 1, numClasses: 3 });
      expect(net.numClasses).toBe(3);
      const { params, state } = net.init(Rng.seeded(4));
      const x = tf.tensor2d([[0.1, 0.2], [0.3, -0.4]]);
      const labels = tf.tensor1d([2, 0], "int32");
      const { y } = net.apply(params, state, x, { training: false, labels });
      const expected = reference(toArrays(params), [[0.1, 0.2, 0, 0, 1], [0.3, -0.4, 1, 0, 0]], 2, (v) => Math.max(0, v), (v) => v);
      const got = y.arraySync() as number[][];
      expected.forEach((row, i) => expect(Math.abs(got[i][0] - row[0])).toBeLessThan(1e-5));
      let err: unknown;
      try { net.apply(params, state, x, { training: false }); } catch (e) { err = e; }
      expect(isGantryError(err, "NETWORK_MISSING_LABELS")).toBe(true);
      tf.dispose([x, labels, y]);
      disposeParams(params);
    });
  });

  it("names the field of a bad option", () => {
    let err: unknown;
    try { mlp({ input: 2, hidden: [0], output: 1 }); } catch (e) { err = e; }
    expect(isGantryError(err, "PARAMS_INVALID")).toBe(true);
    expect((err as Error).message).toContain("params.hidden.0");
  });
});
