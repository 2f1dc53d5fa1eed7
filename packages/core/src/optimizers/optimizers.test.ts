// Behaviour of the optimizers beyond the torch fixture: differentiating through Adam (epsRoot),
// purity (inputs untouched, nothing leaked), state layout, partial gradients, chain, clipping,
// option validation and the plugin. References are closed forms in float64 JS.
import { describeBackends, expectNoTensorGrowth, expectNoTensorLeak } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import {
  adam, applyUpdates, chain, clipByGlobalNorm, coreOptimizersPlugin, createRegistry, disposeParams,
  isGantryError, rmsprop, sgd, tf, type Optimizer, type Params,
} from "../index.js";

const values = (t: tf.Tensor): number[] => Array.from(t.dataSync());

/** The first Adam step's update of one entry as a function of its gradient g (tensor op graph). */
function firstAdamUpdate(opt: Optimizer, g: tf.Tensor): tf.Tensor {
  const p = { x: tf.zerosLike(g) };
  const state = opt.init(p);
  const { updates, state: next } = opt.update({ x: g }, state, p, 0);
  disposeParams(p, state, next);
  return updates.x;
}

describeBackends("differentiating through adam", () => {
  // At t = 1, m̂ = g and v̂ = g², so u(g) = −lr·g/(√(g² + εr) + ε) and
  // u'(g) = −lr·((s + ε) − g²/s)/(s + ε)², s = √(g² + εr); u'(0) = −lr/(√εr + ε).
  const lr = 0.1, eps = 1e-8, epsRoot = 1e-8;
  const closedForm = (g: number): number => {
    const s = Math.sqrt(g * g + epsRoot);
    return (-lr * (s + eps - (g * g) / s)) / (s + eps) ** 2;
  };

  it("has finite gradients w.r.t. the gradient at v = 0 with epsRoot > 0, equal to the closed form", async () => {
    const opt = adam({ lr, eps, epsRoot });
    const gs = [0, 1e-3, -0.5, 2];
    const dudg = await expectNoTensorLeak(() => tf.tidy(() => values(tf.grad((g: tf.Tensor) => tf.sum(firstAdamUpdate(opt, g)))(tf.tensor1d(gs)))));
    gs.forEach((g, i) => {
      expect(Number.isFinite(dudg[i])).toBe(true);
      // float32: near g = 0 the quotient keeps ~1e-6 relative (measured 4.5e-6 at g = 1e-3, where
      // √(g² + εr) is rounded); for |g| ≫ √εr u' is a difference of two terms of size lr/|g|
      // that cancel, so float32 leaves ~1e-8 absolute noise: hence 1e-5 relative + 1e-7 absolute.
      expect(Math.abs(dudg[i] - closedForm(g))).toBeLessThan(1e-5 * Math.abs(closedForm(g)) + 1e-7);
    });
  });

  it("gives NaN at v = 0 with epsRoot = 0 (why epsRoot exists)", () => {
    const opt = adam({ lr, eps });
    const dudg = tf.tidy(() => values(tf.grad((g: tf.Tensor) => tf.sum(firstAdamUpdate(opt, g)))(tf.tensor1d([0, 1]))));
    expect(Number.isNaN(dudg[0])).toBe(true);
    expect(Number.isFinite(dudg[1])).toBe(true);
  });

  it("differentiates through several steps (unrolled) without leaking", async () => {
    const opt = adam({ lr: 0.05, epsRoot: 1e-8 });
    // θ_K after K Adam steps on f(θ) = ½θ², differentiated w.r.t. θ_0: finite and positive.
    const unrolled = (theta0: tf.Tensor): tf.Scalar => {
      let p: Params = { x: theta0 };
      let state = opt.init(p);
      for (let k = 0; k < 3; k++) {
        const { updates, state: next } = opt.update({ x: p.x }, state, p, k);
        [p, state] = [applyUpdates(p, updates), next];
      }
      return tf.sum(p.x);
    };
    const d = await expectNoTensorLeak(() => tf.tidy(() => values(tf.grad(unrolled)(tf.tensor1d([0.3, -1])))));
    for (const v of d) expect(Number.isFinite(v) && v > 0).toBe(true);
  });
});

describeBackends("optimizer purity and state", () => {
  const all: [string, () => Optimizer][] = [
    ["sgd", () => sgd({ lr: 0.1, momentum: 0.9, nesterov: true })],
    ["adam", () => adam({ amsgrad: true })],
    ["rmsprop", () => rmsprop({ momentum: 0.5, centered: true })],
    ["chain", () => chain(clipByGlobalNorm(1), adam())],
  ];

  for (const [name, make] of all) {
    it(`${name}: leaves its inputs intact and leaks nothing over repeated steps`, async () => {
      const opt = make();
      const params = { w: tf.tensor2d([[1, 2], [3, 4]]), b: tf.tensor1d([0.5]) };
      const grads = { w: tf.tensor2d([[0.1, -0.2], [0.3, 0]]), b: tf.tensor1d([-1]) };
      const state = opt.init(params);
      const before = values(state.count ?? state["1/count"]);
      await expectNoTensorGrowth(() => {
        const out = opt.update(grads, state, params, 0);
        disposeParams(out.updates, out.state);
      }, 4, name);
      expect(values(params.w)).toEqual([1, 2, 3, 4]);
      expect(values(grads.b)).toEqual([-1]);
      expect(values(state.count ?? state["1/count"])).toEqual(before);
      disposeParams(params, grads, state);
    });
  }

  it("names state like torch.optim and counts updates", () => {
    const opt = adam({ amsgrad: true });
    const p = { w: tf.zeros([2]) };
    const s0 = opt.init(p);
    expect(Object.keys(s0).sort()).toEqual(["count", "exp_avg/w", "exp_avg_sq/w", "max_exp_avg_sq/w"]);
    const g = { w: tf.ones([2]) };
    const { updates, state: s1 } = opt.update(g, s0, p, 0);
    expect(values(s1.count)).toEqual([1]);
    expect(Object.keys(chain(clipByGlobalNorm(1), sgd({ lr: 1, momentum: 0.5 })).init(p)).sort()).toEqual(["1/count", "1/momentum_buffer/w"]);
    disposeParams(p, s0, g, updates, s1);
  });

  it("keeps the moments of params that had no gradient, and applyUpdates copies them", () => {
    const opt = rmsprop();
    const p = { a: tf.ones([2]), b: tf.ones([1]) };
    const s0 = opt.init(p);
    const g = { a: tf.ones([2]) };
    const { updates, state: s1 } = opt.update(g, s0, p, 0);
    expect(Object.keys(s1).sort()).toEqual(["count", "square_avg/a", "square_avg/b"]);
    const p1 = applyUpdates(p, updates);
    expect(values(p1.b)).toEqual([1]);
    expect(values(p1.a)[0]).toBeLessThan(1);
    expect(() => applyUpdates({ a: p.a }, { c: p.b })).toThrow(/unknown params \[c\]/);
    disposeParams(p, s0, g, updates, s1, p1);
  });

  it("rejects a state from other params with a hint", () => {
    const opt = adam();
    const s = opt.init({ w: tf.zeros([1]) });
    const p = { v: tf.zeros([1]) };
    let err: unknown;
    try { opt.update(p, s, p, 0); } catch (e) { err = e; }
    expect(isGantryError(err, "OPTIMIZER_STATE_MISMATCH")).toBe(true);
    expect(String(err)).toMatch(/exp_avg\/v/);
    disposeParams(s, p);
  });

  it("clipByGlobalNorm scales by maxNorm/‖g‖ only above the threshold", () => {
    const clip = clipByGlobalNorm(1);
    const big = { a: tf.tensor1d([3]), b: tf.tensor1d([4]) };     // ‖g‖ = 5
    const small = { a: tf.tensor1d([0.3]), b: tf.tensor1d([0.4]) };
    const u1 = clip.update(big, {}, big, 0).updates;
    const u2 = clip.update(small, {}, small, 0).updates;
    expect(values(u1.a)[0]).toBeCloseTo(0.6, 6);
    expect(values(u1.b)[0]).toBeCloseTo(0.8, 6);
    expect(values(u2.a)[0]).toBeCloseTo(0.3, 7);
    disposeParams(big, small, u1, u2);
  });

  it("chain() is the identity and returns new tensors", () => {
    const g = { a: tf.tensor1d([2]) };
    const { updates } = chain().update(g, {}, g, 0);
    expect(updates.a).not.toBe(g.a);
    expect(values(updates.a)).toEqual([2]);
    disposeParams(g, updates);
  });

  it("minimises a toy quadratic (the README example)", () => {
    const opt = adam({ lr: 0.1 });
    let params: Params = { x: tf.tensor1d([5, -3]) };
    let state = opt.init(params);
    const loss = (x: tf.Tensor) => tf.sum(tf.square(tf.sub(x, 1)));
    for (let step = 0; step < 200; step++) {
      const grads = { x: tf.grad(loss)(params.x) };
      const { updates, state: next } = opt.update(grads, state, params, step);
      const nextParams = applyUpdates(params, updates);
      disposeParams(grads, updates, state, params);
      [params, state] = [nextParams, next];
    }
    for (const v of values(params.x)) expect(v).toBeCloseTo(1, 2);
    disposeParams(params, state);
  });
});

describe("optimizer options", () => {
  const invalid = (f: () => unknown, field: string): void => {
    let err: unknown;
    try { f(); } catch (e) { err = e; }
    expect(isGantryError(err, "PARAMS_INVALID")).toBe(true);
    expect((err as { where: { field: string } }).where.field).toBe(field);
  };

  it("follows torch's defaults", () => {
    const registry = createRegistry().use(coreOptimizersPlugin);
    expect(registry.parseParams("optimizer", "adam", {})).toEqual({ lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, epsRoot: 0 });
    expect(registry.parseParams("optimizer", "rmsprop", {})).toEqual({ lr: 1e-2, alpha: 0.99, eps: 1e-8, momentum: 0, centered: false, weightDecay: 0 });
    expect(registry.parseParams("optimizer", "sgd", { lr: 0.1 })).toEqual({ lr: 0.1, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0 });
  });

  it("rejects bad options naming the field", () => {
    invalid(() => sgd({ lr: 0.1, nesterov: true }), "params.nesterov");
    invalid(() => sgd({} as never), "params.lr");
    invalid(() => adam({ betas: [1, 0.999] }), "params.betas.0");
    invalid(() => adam({ lr: -1 }), "params.lr");
    invalid(() => rmsprop({ alpha: 1.5 }), "params.alpha");
    invalid(() => clipByGlobalNorm(0), "params.maxNorm");
  });

  it("accepts a schedule as learning rate, and specs create optimizers by name", () => {
    const registry = createRegistry().use(coreOptimizersPlugin);
    const opt = registry.create("optimizer", "adam", { lr: { cosine: { from: 2e-4, steps: 100 } }, betas: [0.5, 0.999] });
    expect(typeof opt.update).toBe("function");
    expect(registry.list("optimizer").map((e) => e.name)).toEqual(["adam", "rmsprop", "sgd"]);
    expect(() => registry.create("optimizer", "adam", { lr: 1e-3, beta: [0.5, 0.9] })).toThrow(/beta/);
  });
});
