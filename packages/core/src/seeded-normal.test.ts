// seededNormal draws tf.randomNormal's numbers bit for bit (the stream every seeded Gantry run depends on),
// over seeds, sizes (odd ones leave the pair's second value unused), means and standard deviations.
import fc from "fast-check";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import { tf } from "./index.js";
import { Rng } from "./rng.js";
import { seededNormal, seededNormalValues } from "./seeded-normal.js";

const sameBits = (a: Float32Array, b: ArrayLike<number>): number => {
  let differ = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) differ++;
  return differ;
};

describeBackends("seededNormal", () => {
  it("equals tf.randomNormal bit for bit over seeds, sizes, means and standard deviations", async () => {
    await expectNoTensorLeak(() => {
      fc.assert(fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 2000 }),
        fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }),
        (seed, size, mean, std) => {
          const want = tf.tidy(() => tf.randomNormal([size], mean, std, "float32", seed).dataSync());
          expect(sameBits(seededNormalValues(size, mean, std, seed), want), `seed ${seed}, size ${size}`).toBe(0);
        }), { numRuns: 200 });
    });
  });

  it("equals it on a latent batch (512 × 256, the MLP benchmark's) and keeps the shape", async () => {
    await expectNoTensorLeak(async () => {
      const ours = seededNormal([512, 256], 0, 1, 1234567);
      const theirs = tf.randomNormal([512, 256], 0, 1, "float32", 1234567);
      expect(ours.shape).toEqual([512, 256]);
      expect(sameBits(await ours.data() as Float32Array, await theirs.data())).toBe(0);
      tf.dispose([ours, theirs]);
    });
  });

  it("Rng.normal draws what tf.randomNormal drew for the same stream of seeds", async () => {
    await expectNoTensorLeak(async () => {
      const a = Rng.seeded(7), b = Rng.seeded(7);
      for (const shape of [[3], [64, 100], [5, 1, 7]]) {
        const ours = a.normal(shape, 0.5, 2);
        const theirs = tf.randomNormal(shape, 0.5, 2, "float32", b.nextSeed());
        expect(sameBits(await ours.data() as Float32Array, await theirs.data())).toBe(0);
        tf.dispose([ours, theirs]);
      }
    });
  });

  it("refuses seed 0 (tf.randomNormal's 'unseeded'), naming the seed", () => {
    expect(() => seededNormalValues(4, 0, 1, 0)).toThrow(/seed must be a finite non-zero number, got 0/);
  });
});
