// DCGAN generator: exact parameter counts (the README table), output shapes and range, init
// statistics, eval vs training behaviour, conditional labels, and errors that name the fix.
import { GantryError, Rng, countParams, disposeParams, tf } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { dcganGenerator } from "./dcgan-generator.js";

// Counts by hand, width 64, latent 100 (k = 4×4 kernels, no bias before batch norm):
//  28×28×1: project 100·(7·7·128) = 627 200, bn 2·128, up1 16·128·64 = 131 072, bn 2·64,
//           out 16·64·1 + 1 = 1 025                                       → 759 681
//  32×32×3: project 100·(4·4·256) = 409 600, bn 2·256, up1 16·256·128 = 524 288, bn 2·128,
//           up2 16·128·64 = 131 072, bn 2·64, out 16·64·3 + 3 = 3 075     → 1 068 931
//  conditional, 10 classes, embedDim 50: + 10·50 table + 50 more projection rows (·6 272 or ·4 096)
const counts = [
  { image: [28, 28, 1], numClasses: undefined, params: 759_681, state: 2 * (128 + 64) },
  { image: [32, 32, 3], numClasses: undefined, params: 1_068_931, state: 2 * (256 + 128 + 64) },
  { image: [28, 28, 1], numClasses: 10, params: 759_681 + 500 + 50 * 6272, state: 2 * (128 + 64) },
  { image: [32, 32, 3], numClasses: 10, params: 1_068_931 + 500 + 50 * 4096, state: 2 * (256 + 128 + 64) },
] as const;

describe("dcganGenerator options", () => {
  it("rejects images that are not 7·2^k or 4·2^k squares, naming the field", () => {
    for (const image of [[30, 30, 1], [28, 32, 1], [7, 7, 1]]) {
      try {
        dcganGenerator({ image: image as [number, number, number] });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(GantryError);
        expect((e as GantryError).code).toBe("NETWORK_BAD_SHAPE");
        expect((e as GantryError).where.field).toBe("params.image");
      }
    }
  });

  it("rejects bad options with PARAMS_INVALID", () => {
    expect(() => dcganGenerator({ width: 0 })).toThrow(/params\.width/);
    expect(() => dcganGenerator({ latnet: 3 } as never)).toThrow(GantryError);
  });

  it("plans 2 upsamplings for 28 (7×7 base), 3 for 32 and 4 for 64 (4×4 base)", () => {
    expect(dcganGenerator({ image: [28, 28, 1] }).geometry).toMatchObject({ base: 7, steps: 2, widths: [128, 64] });
    expect(dcganGenerator({ image: [32, 32, 3] }).geometry).toMatchObject({ base: 4, steps: 3, widths: [256, 128, 64] });
    expect(dcganGenerator({ image: [64, 64, 3] }).geometry).toMatchObject({ base: 4, steps: 4, widths: [512, 256, 128, 64] });
  });
});

// Parameter counts do not depend on the backend: one backend is enough.
describeBackends("dcganGenerator parameter counts", () => {
  for (const c of counts) {
    it(`has ${c.params} parameters at ${c.image.join("×")}${c.numClasses ? " (conditional)" : ""}, width 64`, async () => {
      await expectNoTensorLeak(() => {
        const g = dcganGenerator({ image: [...c.image] as [number, number, number], numClasses: c.numClasses });
        const { params, state } = g.init(Rng.seeded(1));
        expect(countParams(params)).toBe(c.params);
        expect(countParams(state)).toBe(c.state);
        disposeParams(params, state);
      });
    });
  }
}, { only: ["cpu"] });

describeBackends("dcganGenerator", () => {
  it("maps [N, latent] to [N, 28, 28, 1] in [−1, 1]; training and eval differ; state out is new tensors", async () => {
    await expectNoTensorLeak(() => {
      const g = dcganGenerator({ latent: 16, width: 8 });
      const rng = Rng.seeded(2);
      const { params, state } = g.init(rng);
      const z = rng.normal([4, 16]);
      const train = g.apply(params, state, z, { training: true });
      const evaluated = g.apply(params, state, z, { training: false });
      expect(train.y.shape).toEqual([4, 28, 28, 1]);
      const v = train.y.dataSync();
      expect(v.every((a) => a >= -1 && a <= 1 && Number.isFinite(a))).toBe(true);
      expect(Math.max(...Array.from(v, Math.abs))).toBeGreaterThan(1e-3); // not a constant image
      const gap = tf.tidy(() => tf.max(tf.abs(tf.sub(train.y, evaluated.y))));
      expect(gap.dataSync()[0]).toBeGreaterThan(1e-6); // fresh running stats ≠ batch stats
      for (const k of Object.keys(state)) {
        expect(evaluated.state[k]).not.toBe(state[k]);
        expect(Array.from(evaluated.state[k].dataSync())).toEqual(Array.from(state[k].dataSync()));
      }
      tf.dispose([z, train.y, evaluated.y, gap]);
      disposeParams(params, state, train.state, evaluated.state);
    });
  });

  it("initialises kernels N(0, 0.02²) and the same seed gives the same weights", async () => {
    await expectNoTensorLeak(() => {
      const g = dcganGenerator({ image: [32, 32, 3], width: 16 });
      const a = g.init(Rng.seeded(9));
      const b = g.init(Rng.seeded(9));
      const k = Array.from(a.params["up1/kernel"].dataSync());
      const mean = k.reduce((s, x) => s + x, 0) / k.length;
      const std = Math.sqrt(k.reduce((s, x) => s + (x - mean) ** 2, 0) / k.length);
      // 16·64·32 = 32 768 draws: standard errors ≈ 1.1e-4 (mean), 7.8e-5 (std).
      expect(Math.abs(mean)).toBeLessThan(6e-4);
      expect(Math.abs(std - 0.02)).toBeLessThan(6e-4);
      expect(Array.from(b.params["up1/kernel"].dataSync())).toEqual(k);
      expect(Array.from(a.params["out/bias"].dataSync())).toEqual([0, 0, 0]);
      disposeParams(a.params, a.state, b.params, b.state);
    });
  });

  it("conditional: requires int32 labels [N]; the label changes the image", async () => {
    await expectNoTensorLeak(() => {
      const g = dcganGenerator({ latent: 8, width: 4, image: [32, 32, 3], numClasses: 3, embedDim: 4 });
      expect(g.numClasses).toBe(3);
      const rng = Rng.seeded(4);
      const { params, state } = g.init(rng);
      const z = rng.normal([2, 8]);
      const zz = tf.concat([z, z]);
      const labels = tf.tensor1d([0, 0, 2, 2], "int32");
      const out = g.apply(params, state, zz, { training: false, labels });
      expect(out.y.shape).toEqual([4, 32, 32, 3]);
      const [same, other] = tf.split(out.y, 2);
      const gap = tf.tidy(() => tf.max(tf.abs(tf.sub(same, other))));
      expect(gap.dataSync()[0]).toBeGreaterThan(1e-4);
      expect(() => g.apply(params, state, zz, { training: false })).toThrow(/no labels/);
      const floats = tf.tensor1d([0, 0, 2, 2]);
      expect(() => g.apply(params, state, zz, { training: false, labels: floats })).toThrow(/int32/);
      expect(() => g.apply(params, state, z, { training: false, labels })).toThrow(/int32 \[2\]/);
      tf.dispose([z, zz, labels, floats, out.y, same, other, gap]);
      disposeParams(params, state, out.state);
    });
  });

  it("rejects a wrong latent size and params from another network", async () => {
    await expectNoTensorLeak(() => {
      const g = dcganGenerator({ latent: 8, width: 4 });
      const { params, state } = g.init(Rng.seeded(1));
      const z = tf.zeros([2, 9]);
      expect(() => g.apply(params, state, z, { training: true })).toThrow(/expected input \[N, 8\]/);
      const z8 = tf.zeros([2, 8]);
      const { "out/bias": _dropped, ...partial } = params;
      expect(() => g.apply(partial, state, z8, { training: true })).toThrow(/"out\/bias"/);
      tf.dispose([z, z8]);
      disposeParams(params, state);
    });
  });
});
