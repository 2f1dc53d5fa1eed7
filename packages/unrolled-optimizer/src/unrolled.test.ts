// The surrogate gradient of Unrolled GANs against references: central finite differences of
// θ_G ↦ L_G(θ_G, θ_D^K(θ_G)) for second order, the gradient with θ_D^K held fixed for first order,
// and a hand-written loop of D's optimizer for the unrolled parameters themselves.
import { applyUpdates, disposeParams, isGantryError, tf, type LookaheadContext, type Params } from "@gantry/core";
import { checkGradient, describeBackends, expectNoTensorLeak, readTidy } from "@gantry/testing";
import { expect, it } from "vitest";
import { unrolled } from "./unrolled.js";
import { contextAt, contextWithFakes, disposeTinyGan, flatParams, lossAgainst, surrogateLoss, tinyGan, type TinyOptimizer } from "./tiny-gan.test-support.js";

const norm = (a: Float64Array) => Math.hypot(...a);
const distance = (a: Float64Array, b: Float64Array) => Math.hypot(...a.map((x, i) => x - b[i]));

/**
 * Finite differences of a K-step unroll in float32: with eps = 3e-3 the round-off in L_G (≈ 0.7, a few
 * ulps per unrolled op, ~1e-7 absolute) contributes ~2e-5 per element and the truncation (eps²·L‴/6)
 * ~1e-5; measured ‖analytic − numeric‖/‖numeric‖ ≤ 1.1e-3 on cpu and wasm. eps = 1e-2 is too large
 * for leakyRelu: a unit's pre-activation crosses the kink inside ±eps (K = 5, Adam: error 1.2).
 */
const FD = { eps: 3e-3, rtol: 1e-2, atol: 3e-4 } as const;
const FD_RELATIVE = 3e-3;

describeBackends("unrolled: surrogate gradient w.r.t. θ_G", () => {
  for (const activation of ["tanh", "leakyRelu"] as const) {
    for (const optimizer of ["sgd", "adam"] as const satisfies readonly TinyOptimizer[]) {
      for (const K of [1, 3, 5]) {
        it(`${activation} MLPs, D on ${optimizer}, K = ${K}: second order = finite differences ≠ first order = θ_D^K fixed`, async () => {
          await expectNoTensorLeak(async () => {
            const gan = tinyGan(activation, optimizer);
            const { vector, unflatten } = flatParams(gan.gParams);
            const second = await checkGradient((v) => surrogateLoss(gan, unrolled({ steps: K }), unflatten(v)), vector, FD);
            expect(second.ok, second.message).toBe(true);
            const fdError = distance(second.analytic, second.numeric);
            expect(fdError / norm(second.numeric)).toBeLessThan(FD_RELATIVE);

            const firstOrder = unrolled({ steps: K, mode: "first-order" });
            const first = await readTidy(() => tf.grad((v: tf.Tensor) => surrogateLoss(gan, firstOrder, unflatten(v)))(vector));
            const fixed = await readTidy(() => {
              const ahead = unrolled({ steps: K }).unroll(contextAt(gan, gan.gParams));
              return tf.grad((v: tf.Tensor) => lossAgainst(gan, ahead.params, unflatten(v)))(vector);
            });
            // The same float32 ops in the same order: equal up to a few ulps of |∇| ≈ 0.1.
            expect(distance(first, fixed)).toBeLessThan(1e-6);
            // The second-order term is visible: far beyond what finite differences could confuse.
            expect(distance(first, second.analytic)).toBeGreaterThan(10 * fdError);
            vector.dispose();
            disposeTinyGan(gan);
          });
        });
      }
    }
  }
});

/** θ_D after K updates of D's optimizer written out by hand (G fixed): the reference for the unroll. */
function manualUnroll(ctx: LookaheadContext, K: number, batchOf: (k: number) => number): Params {
  return tf.tidy(() => {
    let params = ctx.dParams;
    let optState = ctx.dOptState;
    for (let k = 0; k < K; k++) {
      const names = Object.keys(params);
      const p = params;
      const grads = tf.grads((...xs: tf.Tensor[]) => ctx.dLoss(Object.fromEntries(names.map((n, i) => [n, xs[i]])), {}, batchOf(k)).loss)(names.map((n) => p[n]));
      const out = ctx.dOptimizer.update(Object.fromEntries(names.map((n, i) => [n, grads[i]])), optState, params, ctx.step);
      params = applyUpdates(params, out.updates);
      optState = out.state;
    }
    return params;
  });
}

describeBackends("unrolled: θ_D^K", () => {
  for (const optimizer of ["sgd", "adam"] as const) {
    it(`is K updates of D's own optimizer (${optimizer}, moments carried through), in both modes`, async () => {
      await expectNoTensorLeak(async () => {
        const gan = tinyGan("tanh", optimizer);
        const fake = gan.generate(gan.gParams);
        const ctx = contextWithFakes(gan, fake);
        const reference = manualUnroll(ctx, 4, () => 0);
        for (const mode of ["second-order", "first-order"] as const) {
          const ahead = unrolled({ steps: 4, mode }).unroll(ctx);
          expect(Object.keys(ahead.params).sort()).toEqual(Object.keys(reference).sort());
          for (const name of Object.keys(reference)) {
            expect(Array.from(await ahead.params[name].data()), `${mode} ${name}`).toEqual(Array.from(await reference[name].data()));
          }
          disposeParams(ahead.params, ahead.state);
        }
        disposeParams(reference);
        fake.dispose();
        disposeTinyGan(gan);
      });
    });
  }

  it("reads batch 0 at every update with batches: same, and batches 1…K with batches: fresh", () => {
    const read = (batches: "same" | "fresh") => {
      const seen: number[] = [];
      const lookahead = unrolled({ steps: 3, batches });
      const p = { w: tf.scalar(1) };
      const ahead = lookahead.unroll({
        dParams: p, dState: {}, dOptState: {}, step: 0,
        dOptimizer: { init: () => ({}), update: (g) => ({ updates: { w: tf.mul(g.w, -0.1) }, state: {} }) },
        dLoss: (q, state, b) => { seen.push(b); return { loss: tf.square(q.w) as tf.Scalar, state }; },
      });
      disposeParams(p, ahead.params);
      return { seen, freshBatches: lookahead.freshBatches };
    };
    expect(read("same")).toEqual({ seen: [0, 0, 0], freshBatches: 0 });
    expect(read("fresh")).toEqual({ seen: [1, 2, 3], freshBatches: 3 });
  });

  it("K = 0 returns D's params and state as new tensors with the same values", async () => {
    await expectNoTensorLeak(async () => {
      const dParams = { w: tf.tensor1d([1, 2]) };
      const dState = { mean: tf.tensor1d([0.5]) };
      for (const mode of ["second-order", "first-order"] as const) {
        const ahead = unrolled({ steps: 0, mode }).unroll({
          dParams, dState, dOptState: {}, step: 0,
          dOptimizer: { init: () => ({}), update: () => { throw new Error("no update at K = 0"); } },
          dLoss: () => { throw new Error("no loss at K = 0"); },
        });
        expect(ahead.params.w).not.toBe(dParams.w);
        expect(ahead.state.mean).not.toBe(dState.mean);
        expect(Array.from(await ahead.params.w.data())).toEqual([1, 2]);
        expect(Array.from(await ahead.state.mean.data())).toEqual([0.5]);
        disposeParams(ahead.params, ahead.state);
      }
      disposeParams(dParams, dState);
    });
  });

  it("threads D's network state through the updates (batch-norm statistics)", async () => {
    await expectNoTensorLeak(async () => {
      const dParams = { w: tf.scalar(1) };
      const dState = { passes: tf.scalar(0) };
      const ahead = unrolled({ steps: 3 }).unroll({
        dParams, dState, dOptState: {}, step: 0,
        dOptimizer: { init: () => ({}), update: (g) => ({ updates: { w: tf.mul(g.w, -0.1) }, state: {} }) },
        dLoss: (q, state) => ({ loss: tf.square(q.w) as tf.Scalar, state: { passes: tf.add(state.passes, 2) } }),
      });
      expect(Array.from(await ahead.state.passes.data())).toEqual([6]);
      disposeParams(dParams, dState, ahead.params, ahead.state);
    });
  });
});

it("says which param is wrong and what it takes", () => {
  let error: unknown;
  try {
    unrolled({ steps: -1 });
  } catch (e) {
    error = e;
  }
  expect(isGantryError(error, "PARAMS_INVALID")).toBe(true);
  expect((error as Error).message).toMatch(/params\.steps: lookahead\/unrolled: .*integer ≥ 0/s);
  expect(() => unrolled({ mode: "third-order" as never })).toThrow(/params\.mode/);
  expect(unrolled()).toMatchObject({ steps: 5, freshBatches: 0 });
  expect(Object.isFrozen(unrolled())).toBe(true);
});
