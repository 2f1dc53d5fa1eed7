// Every penalty's value against PyTorch (float64 on the same float32 weights and inputs; 1e-5
// relative) and its gradient w.r.t. D's params against central finite differences along random
// directions (second-order: the penalty contains ∇ₓD), on an MLP D with leakyRelu and with tanh.
import { Rng, tf, type Params, type Regularizer } from "@gantry/core";
import { dcganDiscriminator } from "@gantry/models";
import { checkDirectionalDerivative, describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import { gradientPenalty, interpolatedGradientPenalty } from "./gradient-penalty.js";
import { r1, r2 } from "./r1-r2.js";
import { roth } from "./roth.js";
import {
  activations, penaltyContext, reference, referenceD, referenceParams, relativeError, toTensor, type Activation,
} from "./reference.test-support.js";

const VALUE_RTOL = 1e-5;

async function scalar(t: tf.Tensor): Promise<number> {
  const v = (await t.data())[0];
  t.dispose();
  return v;
}

/** The penalty as a function of D's params on the fixture's batches. */
function penaltyOf(reg: Regularizer, activation: Activation, step = 0, totalSteps?: number) {
  const D = referenceD(activation);
  return (p: Params): tf.Tensor => tf.tidy(() => {
    const real = toTensor(reference.real);
    const fake = toTensor(reference.fake);
    return reg.penalty!(penaltyContext(D, p, {}, real, fake, Rng.seeded(3), step, totalSteps));
  });
}

describeBackends("penalties against PyTorch and finite differences", () => {
  for (const activation of activations) {
    const ref = reference.cases[activation];

    it(`${activation}: roth, r1, r2 values match PyTorch to 1e-5`, async () => {
      await expectNoTensorLeak(async () => {
        const p = referenceParams(activation);
        try {
          expect(relativeError(await scalar(penaltyOf(roth({ gamma: 2 }), activation)(p)), ref.roth)).toBeLessThan(VALUE_RTOL);
          expect(relativeError(await scalar(penaltyOf(r1({ gamma: 10 }), activation)(p)), ref.r1)).toBeLessThan(VALUE_RTOL);
          expect(relativeError(await scalar(penaltyOf(r2({ gamma: 10 }), activation)(p)), ref.r2)).toBeLessThan(VALUE_RTOL);
        } finally {
          tf.dispose(Object.values(p));
        }
      });
    });

    it(`${activation}: gradient penalty (two-sided, one-sided, target 1) matches PyTorch to 1e-5 at the fixture's α`, async () => {
      await expectNoTensorLeak(async () => {
        const p = referenceParams(activation);
        const D = referenceD(activation);
        const gp = (target: number, oneSided: boolean) => tf.tidy(() => tf.mul(10, interpolatedGradientPenalty(
          (x) => D.apply(p, {}, x, { training: true }).y, toTensor(reference.real), toTensor(reference.fake), toTensor(reference.alpha), { target, oneSided })));
        try {
          expect(relativeError(await scalar(gp(ref.gpTarget, false)), ref.gp)).toBeLessThan(VALUE_RTOL);
          expect(relativeError(await scalar(gp(ref.gpTarget, true)), ref.gpOneSided)).toBeLessThan(VALUE_RTOL);
          expect(relativeError(await scalar(gp(1, false)), ref.gpUnitTarget)).toBeLessThan(VALUE_RTOL);
          expect(ref.gpOneSided).toBeLessThan(ref.gp); // some norms sit below the target: the variants differ
        } finally {
          tf.dispose(Object.values(p));
        }
      });
    });

    const regs: Readonly<Record<string, () => Regularizer>> = {
      roth: () => roth({ gamma: 2 }),
      "gradient-penalty": () => gradientPenalty({ weight: 10 }),
      "gradient-penalty (one-sided)": () => gradientPenalty({ weight: 10, oneSided: true, target: 0.5 }),
      r1: () => r1({ gamma: 10 }),
      r2: () => r2({ gamma: 10 }),
    };
    for (const [name, make] of Object.entries(regs)) {
      it(`${activation}: ∂ ${name} / ∂θ_D matches central finite differences`, async () => {
        await expectNoTensorLeak(async () => {
          const p = referenceParams(activation);
          try {
            // Unit directions in θ-space; eps 1e-2 keeps float32 round-off ~6e-8·|f|/eps far below rtol 1e-2.
            // The gradient penalty redraws the same α each evaluation (the stream is re-seeded per call).
            const r = await checkDirectionalDerivative(penaltyOf(make(), activation), p, { directions: 4, eps: 1e-2, rtol: 1e-2 });
            expect(r.ok, r.message).toBe(true);
          } finally {
            tf.dispose(Object.values(p));
          }
        });
      });
    }
  }

  // The DCGAN-28 discriminator (conv 4×4 stride 2, leakyReLU, no norm: batch norm couples samples), at
  // width 8 instead of 64 to keep the finite differences quick; the architecture is otherwise DCGAN-28's.
  // Weights ~ N(0, 1/fan_in) instead of DCGAN's N(0, 0.02²), biases N(0, 0.1²): with the tiny init the
  // penalty and its derivative (~1e-4) drown in float32 round-off of the finite differences.
  const unitScale = (p: Params): Params => {
    const rng = Rng.seeded(8);
    return Object.fromEntries(Object.entries(p).map(([k, t]) => {
      const fanIn = t.rank >= 2 ? t.size / t.shape[t.rank - 1] : 0;
      return [k, fanIn > 0 ? rng.normal(t.shape, 0, 1 / Math.sqrt(fanIn)) : rng.normal(t.shape, 0, 0.1)];
    }));
  };
  for (const [name, make] of [["gradient-penalty", () => gradientPenalty()], ["r1", () => r1()]] as const) {
    it(`DCGAN-28 discriminator: ∂ ${name} / ∂θ_D matches central finite differences`, async () => {
      await expectNoTensorLeak(async () => {
        const D = dcganDiscriminator({ image: [28, 28, 1], width: 8, norm: "none" });
        const init = D.init(Rng.seeded(5));
        const params = unitScale(init.params);
        const state = init.state;
        tf.dispose(Object.values(init.params));
        const rng = Rng.seeded(6);
        const real = tf.tidy(() => tf.tanh(rng.normal([2, 28, 28, 1])));
        const fake = tf.tidy(() => tf.tanh(rng.normal([2, 28, 28, 1], 0.3)));
        const reg = make();
        try {
          const f = (p: Params) => tf.tidy(() => reg.penalty!(penaltyContext(D, p, state, real, fake, Rng.seeded(7))));
          // A gradient penalty of a leakyReLU net jumps where a pre-activation changes sign (the input
          // gradient's masks flip). At eps 1e-2 a step crosses some of this D's ~2 000 kinks (measured
          // errors ~1); at 1e-3 the errors measured ≤ 3.2e-3; at 1e-4 float32 round-off reached 2.7e-2.
          const r = await checkDirectionalDerivative(f, params, { directions: 3, eps: 1e-3, rtol: 1e-2 });
          expect(r.ok, r.message).toBe(true);
        } finally {
          tf.dispose([...Object.values(params), ...Object.values(state), real, fake]);
        }
      });
    });
  }

  it("the gradient penalty draws one α ~ U[0, 1) per sample from its stream: same stream, same value", async () => {
    await expectNoTensorLeak(async () => {
      const p = referenceParams("tanh");
      const f = penaltyOf(gradientPenalty(), "tanh");
      try {
        const a = await scalar(f(p));
        const b = await scalar(f(p));
        expect(a).toBe(b);
        // Per-sample α: the value lies strictly between the penalty with all α = 0 and all α = 1 in general,
        // and differs from both (a single α for the batch would match one of the closed forms only by chance).
        const D = referenceD("tanh");
        const at = (alpha: number) => tf.tidy(() => tf.mul(10, interpolatedGradientPenalty((x) => D.apply(p, {}, x, { training: true }).y,
          toTensor(reference.real), toTensor(reference.fake), tf.fill([6], alpha), { target: 1, oneSided: false })));
        const alphas = tf.tidy(() => Rng.seeded(3).uniform([6]));
        const drawn = Array.from(await alphas.data());
        alphas.dispose();
        expect(new Set(drawn.map((x) => x.toFixed(6))).size).toBe(6);
        expect(drawn.every((x) => x >= 0 && x < 1)).toBe(true);
        expect(a).not.toBeCloseTo(await scalar(at(0)), 4);
        expect(a).not.toBeCloseTo(await scalar(at(1)), 4);
      } finally {
        tf.dispose(Object.values(p));
      }
    });
  });

  it("roth's γ follows the paper's annealing γ₀·0.01^(t/T) by default", async () => {
    await expectNoTensorLeak(async () => {
      const p = referenceParams("leakyRelu");
      try {
        const at = async (step: number) => scalar(penaltyOf(roth(), "leakyRelu", step, 1000)(p));
        const start = await at(0);
        expect(relativeError(start, reference.cases.leakyRelu.roth)).toBeLessThan(VALUE_RTOL); // γ₀ = 2
        expect(relativeError(await at(500), start * 0.1)).toBeLessThan(1e-5);
        expect(relativeError(await at(1000), start * 0.01)).toBeLessThan(1e-5);
      } finally {
        tf.dispose(Object.values(p));
      }
    });
  });
});
