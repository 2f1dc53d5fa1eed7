import { isGantryError, tf } from "@gantry/core";
import { checkGradient, describeBackends, expectNoTensorLeak, readTidy } from "@gantry/testing";
import { expect, it } from "vitest";
import { madGan } from "./mad-gan.js";
import { mean } from "./loss-check.testkit.js";
import { minimax } from "./minimax.js";
import { nonSaturating } from "./non-saturating.js";

type Rows = readonly (readonly number[])[];

// Float64 closed forms, column 0 = real, column i + 1 = generator i.
const logSumExp = (r: readonly number[]): number => {
  const m = Math.max(...r);
  return m + Math.log(r.reduce((s, x) => s + Math.exp(x - m), 0));
};
const softmax = (r: readonly number[]): number[] => r.map((x) => Math.exp(x - logSumExp(r)));
const crossEntropy = (rows: Rows, t: readonly number[]): number =>
  mean(rows.map((r) => -t.reduce((s, tj, j) => s + tj * (r[j] - logSumExp(r)), 0)));
const oneHot = (c: number, n: number): number[] => Array.from({ length: n }, (_, j) => (j === c ? 1 : 0));
const realTarget = (k: number, s: number): number[] => [1 - s, ...Array.from({ length: k }, () => s / k)];
const refD = (k: number, s: number, real: Rows, fakes: readonly Rows[]): number =>
  crossEntropy(real, realTarget(k, s)) + fakes.reduce((sum, f, i) => sum + crossEntropy(f, oneHot(i + 1, k + 1)), 0);
const refG = (fake: Rows): number => mean(fake.map((r) => logSumExp(r) - r[0]));
/** ∂CE/∂row = (softmax(row) − t) / N for each row of a batch of N. */
const refCeGrad = (rows: Rows, t: readonly number[]): number[] => rows.flatMap((r) => softmax(r).map((p, j) => (p - t[j]) / rows.length));
/** H·v of a batch's mean CE: per row (p ⊙ v − p (p · v)) / N, independent of the target. */
const refCeHv = (rows: Rows, v: Rows): number[] => rows.flatMap((r, n) => {
  const p = softmax(r);
  const pv = p.reduce((s, pj, j) => s + pj * v[n][j], 0);
  return p.map((pj, j) => (pj * v[n][j] - pj * pv) / rows.length);
});

// k = 3 with unequal batch sizes (D's sources weigh the same whatever their size).
const K = 3;
const grid = (rows: number, offset: number): number[][] =>
  Array.from({ length: rows }, (_, n) => Array.from({ length: K + 1 }, (_, j) => 2.7 * Math.sin(1.3 * (n + offset) + 0.9 * j + 0.4)));
const REAL = grid(3, 0);
const FAKES = [grid(2, 3), grid(3, 5), grid(2, 8)];
// ±50: each source has a row that D gets right with certainty (loss ≈ 0) and one it gets wrong (≈ 100).
const REAL50 = [[50, -50, 49.5, -49.5], [-50, 50, 0, -48]];
const FAKES50 = [[[-50, 50, -49.5, 48], [50, -50, 0, 49.5]], [[0, -50, 50, -50]], [[49.5, -50, -48, -50], [-50, -49.5, 0, 50]]];
const ALL = [REAL, ...FAKES];
const ALL50 = [REAL50, ...FAKES50];

/**
 * Tolerances. Ordinary logits (|l| < 3): float32 has ~6e-8 relative precision and a batch mean of a few
 * logSumExps compounds a handful of roundings, so 1e-6 relative (1e-7 absolute floor for values near 0).
 * At ±50, l − logSumExp(l) subtracts numbers of size 50 whose float32 spacing is 3.8e-6, so the absolute
 * error of a log-probability is a few 1e-6: 2e-5 absolute there, still 1e-6 relative for the ≈100 terms.
 */
const ORDINARY = { rtol: 1e-6, atol: 1e-7 };
const EXTREME = { rtol: 1e-6, atol: 2e-5 };

function expectClose(actual: ArrayLike<number>, expected: readonly number[], tol: { rtol: number; atol: number }, label: string): void {
  expect(actual.length, `${label} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Number.isFinite(actual[i]), `${label}[${i}] finite`).toBe(true);
    const err = Math.abs(actual[i] - expected[i]);
    expect(err, `${label}[${i}]: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(tol.atol + tol.rtol * Math.abs(expected[i]));
  }
}

/** D's loss and its gradient w.r.t. every batch, flattened in order [real, fake₀, …]. */
async function dValueAndGrad(k: number, s: number, batches: readonly Rows[]): Promise<[number, Float64Array]> {
  const loss = madGan({ generators: k, labelSmoothing: s });
  const ts = batches.map((b) => tf.tensor2d(b.map((r) => [...r])));
  const f = (...xs: tf.Tensor[]) => loss.discriminator(xs[0], xs.slice(1));
  const value = (await readTidy(() => f(...ts)))[0];
  const grad = await readTidy(() => tf.concat(tf.grads(f)(ts).map((g) => tf.reshape(g, [-1]))));
  tf.dispose(ts);
  return [value, grad];
}

describeBackends("madGan", () => {
  it("D's value and gradient match the float64 closed form, also at ±50", async () => {
    await expectNoTensorLeak(async () => {
      for (const [batches, tol] of [[ALL, ORDINARY], [ALL50, EXTREME]] as const) {
        for (const s of [0, 0.1]) {
          const [value, grad] = await dValueAndGrad(K, s, batches);
          expectClose([value], [refD(K, s, batches[0], batches.slice(1))], tol, `D value (s = ${s})`);
          const expected = batches.flatMap((b, c) => refCeGrad(b, c === 0 ? realTarget(K, s) : oneHot(c, K + 1)));
          expectClose(grad, expected, tol, `∂D/∂logits (s = ${s})`);
        }
      }
    });
  });

  it("each generator's value and gradient match −E log softmax(l)₀, also at ±50", async () => {
    const loss = madGan({ generators: K });
    await expectNoTensorLeak(async () => {
      for (const [fakes, tol] of [[FAKES, ORDINARY], [FAKES50, EXTREME]] as const) {
        for (const [i, rows] of fakes.entries()) {
          const x = tf.tensor2d(rows.map((r) => [...r]));
          expectClose(await readTidy(() => loss.generator(i, x)), [refG(rows)], tol, `G${i} value`);
          expectClose(await readTidy(() => tf.grad((l: tf.Tensor) => loss.generator(i, l))(x)), refCeGrad(rows, oneHot(0, K + 1)), tol, `∂G${i}/∂logits`);
          x.dispose();
        }
      }
    });
  });

  it("first and second order agree with finite differences (checkGradient), so gradient penalties compose", async () => {
    const loss = madGan({ generators: K, labelSmoothing: 0.1 });
    const sizes = ALL.map((b) => b.length);
    const starts = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
    const split = (x: tf.Tensor) => sizes.map((n, i) => tf.slice(x, [starts[i], 0], [n, -1]));
    const d = (x: tf.Tensor) => { const [r, ...f] = split(x); return loss.discriminator(r, f); };
    const g = (x: tf.Tensor) => loss.generator(1, x);
    await expectNoTensorLeak(async () => {
      const packed = tf.tensor2d(ALL.flat().map((r) => [...r]));
      const fake = tf.tensor2d(FAKES[1].map((r) => [...r]));
      for (const [name, f, x] of [["D", d, packed], ["G1", g, fake]] as const) {
        for (const order of [1, 2] as const) {
          const r = await checkGradient(f, x, { order });
          expect(r.ok, `${name} order ${order}: ${r.message}`).toBe(true);
        }
      }
      tf.dispose([packed, fake]);
    });
  });

  it("second order matches the closed-form Hessian·v (p ⊙ v − p (p·v)) / N, also at ±50", async () => {
    // The precise version of the check above: tf.logSoftmax's second order is wrong in TF.js 4.22
    // (docs/adr/0004-gradient-fixes.md); l − logSumExp(l) must give the exact Hessian of every batch.
    const loss = madGan({ generators: K, labelSmoothing: 0.1 });
    await expectNoTensorLeak(async () => {
      for (const [batches, tol] of [[ALL, ORDINARY], [ALL50, EXTREME]] as const) {
        const dirs = batches.map((b, c) => b.map((r, n) => r.map((_, j) => Math.cos(1 + 2 * c + 3 * n + j))));
        const ts = batches.map((b) => tf.tensor2d(b.map((r) => [...r])));
        const vs = dirs.map((v) => tf.tensor2d(v));
        const f = (...xs: tf.Tensor[]) => loss.discriminator(xs[0], xs.slice(1));
        const dirGrad = (...xs: tf.Tensor[]) => tf.addN(tf.grads(f)(xs).map((gx, i) => tf.sum(tf.mul(gx, vs[i])))) as tf.Scalar;
        const hv = await readTidy(() => tf.concat(tf.grads(dirGrad)(ts).map((h) => tf.reshape(h, [-1]))));
        expectClose(hv, batches.flatMap((b, c) => refCeHv(b, dirs[c])), tol, "D Hessian·v");
        const gHv = await readTidy(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.grad((y: tf.Tensor) => loss.generator(0, y))(x), vs[1])))(ts[1]));
        expectClose(gHv, refCeHv(batches[1], dirs[1]), tol, "G0 Hessian·v");
        tf.dispose([...ts, ...vs]);
      }
    });
  });

  it("k = 1 reduces to the binary losses on φ = l_real − l_fake: minimax/non-saturating D, non-saturating G", async () => {
    const real = [[1.2, -0.7], [-0.4, 0.9], [3.1, 0.2]];
    const fake = [[-1.5, 0.6], [0.3, 0.35], [2.2, -2.4], [-0.8, -1.9]];
    const phi = (rows: Rows) => tf.tensor1d(rows.map((r) => r[0] - r[1]));
    await expectNoTensorLeak(async () => {
      for (const s of [0, 0.1]) {
        const multi = madGan({ generators: 1, labelSmoothing: s });
        const [r, f] = [tf.tensor2d(real), tf.tensor2d(fake)];
        const [pr, pf] = [phi(real), phi(fake)];
        const dBinary = await readTidy(() => nonSaturating({ labelSmoothing: s }).discriminator(pr, pf));
        expect(dBinary[0]).toBe((await readTidy(() => minimax({ labelSmoothing: s }).discriminator(pr, pf)))[0]);
        expectClose(await readTidy(() => multi.discriminator(r, [f])), [dBinary[0]], ORDINARY, `D, k = 1 (s = ${s})`);
        const gBinary = await readTidy(() => nonSaturating().generator(pf));
        expectClose(await readTidy(() => multi.generator(0, f)), [gBinary[0]], ORDINARY, "G, k = 1");
        // Chain rule through φ = l₀ − l₁: ∂/∂l₀ = ∂/∂φ and ∂/∂l₁ = −∂/∂φ.
        const dPhi = await readTidy(() => tf.grad((x: tf.Tensor) => nonSaturating().generator(x))(pf));
        const dLogits = await readTidy(() => tf.grad((x: tf.Tensor) => multi.generator(0, x))(f));
        expectClose(dLogits, [...dPhi].flatMap((g) => [g, -g]), ORDINARY, "∂G/∂logits, k = 1");
        tf.dispose([r, f, pr, pf]);
      }
    });
  });

  it("realProbability is D's softmax probability of column 0", async () => {
    const loss = madGan({ generators: K });
    await expectNoTensorLeak(async () => {
      for (const [rows, tol] of [[REAL, ORDINARY], [REAL50, EXTREME]] as const) {
        const x = tf.tensor2d(rows.map((r) => [...r]));
        expectClose(await readTidy(() => loss.realProbability(x)), rows.map((r) => softmax(r)[0]), tol, "realProbability");
        x.dispose();
      }
    });
  });

  it("wrong shapes, batch counts, indices and options are GantryErrors that say what to fix", async () => {
    const loss = madGan({ generators: K });
    const caught = (f: () => unknown) => { try { f(); } catch (e) { return e; } throw new Error("expected a GantryError"); };
    await expectNoTensorLeak(() => {
      const good = tf.zeros([2, K + 1]);
      const threeColumns = tf.zeros([2, K]);
      const flat = tf.zeros([4]);
      const cases: [unknown, string, string, RegExp][] = [
        [caught(() => loss.discriminator(threeColumns, [good, good, good])), "LOSS_LOGITS_SHAPE", "realLogits", /\[2, 3\].*\[N ≥ 1, 4\]/],
        [caught(() => loss.discriminator(good, [good, good])), "LOSS_FAKE_BATCHES", "fakeLogits", /2 batch\(es\).*one per generator/],
        [caught(() => loss.discriminator(good, [good, threeColumns, good])), "LOSS_LOGITS_SHAPE", "fakeLogits[1]", /fakeLogits\[1\]/],
        [caught(() => loss.generator(0, flat)), "LOSS_LOGITS_SHAPE", "fakeLogits", /\[4\]/],
        [caught(() => loss.generator(K, good)), "LOSS_GENERATOR_INDEX", "index", /0 … 2/],
        [caught(() => loss.realProbability(threeColumns)), "LOSS_LOGITS_SHAPE", "logits", /4\]/],
        [caught(() => madGan({ generators: 0 })), "PARAMS_INVALID", "generators", /generators/],
        [caught(() => madGan({ generators: 2.5 })), "PARAMS_INVALID", "generators", /generators/],
        [caught(() => madGan({ generators: 2, labelSmoothing: 1 })), "PARAMS_INVALID", "labelSmoothing", /labelSmoothing/],
      ];
      for (const [err, code, field, message] of cases) {
        expect(isGantryError(err, code), String(err)).toBe(true);
        expect((err as { where: { field: string } }).where.field).toBe(field);
        expect((err as Error).message).toMatch(message);
      }
      expect((cases[0][0] as { hint: string }).hint).toMatch(/output: 4/);
      tf.dispose([good, threeColumns, flat]);
    });
  });
});

// Sanity of the float64 reference itself: the (k + 1)-way CE at uniform logits is log(k + 1) per source.
it("the float64 reference gives log(k + 1) per source at uniform logits", () => {
  const zeros = [[0, 0, 0, 0]];
  expect(refD(K, 0, zeros, [zeros, zeros, zeros])).toBeCloseTo(4 * Math.log(4), 12);
});
