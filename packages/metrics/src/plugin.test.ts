import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Rng, createRegistry, tf, type Metric, type MetricResult } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { decode } from "fast-png";
import { beforeAll, expect, it } from "vitest";
import { arrayDataset, functionSampler, squareImage } from "./fake-sources.test-support.js";
import { metricsPlugin } from "./node-plugin.js";
import { metricsPlugin as browserMetricsPlugin } from "./plugin.js";

let tensorsBefore: number | undefined;
const registry = createRegistry().use(metricsPlugin);
const ctx = () => ({ step: 0, rng: Rng.seeded(7) });
const evaluate = (m: Metric): Promise<MetricResult> => expectNoTensorLeak(() => m.evaluate(ctx()), m.name);

// 2-D Gaussian data (the "real" set) and a generator drawing from the same or a shifted Gaussian.
const gaussianRows = (seed: number, n: number, shift = 0) => {
  const rng = Rng.seeded(seed);
  return Float32Array.from({ length: n * 2 }, () => rng.nextNormal() + shift);
};
const gaussianSampler = (shift: number) => functionSampler([2], (rng) => [rng.nextNormal() + shift, rng.nextNormal() + shift]);
const squares = Float32Array.from(Array.from({ length: 36 }, (_, i) => squareImage(Math.floor(i / 6), i % 6)).flat());

describeBackends("metrics plugin", () => {
  beforeAll(() => {
    tensorsBefore ??= tf.memory().numTensors; // once the first backend is ready, before any metric
  });
  const data = arrayDataset(gaussianRows(1, 2000), [2]);

  it("fid: ≈ 0 for the same distribution, ≈ ‖Δμ‖² for a shifted one; reports N and extractor; saves statistics", async () => {
    const statistics = join(mkdtempSync(join(tmpdir(), "gantry-fid-")), "ref.safetensors");
    const same = await evaluate(registry.create("metric", "fid", { samples: 2000, statistics }, { generator: gaussianSampler(0), data }));
    expect(same.values.fid).toBeLessThan(0.02);
    expect(same.details).toMatchObject({ n: 2000, referenceN: 2000, extractor: "raw" });
    expect(existsSync(statistics)).toBe(true);
    // Second metric reads the saved file (no data bound): shift by 1 in both coordinates → ‖Δμ‖² = 2.
    const shifted = await evaluate(registry.create("metric", "fid", { samples: 2000, statistics }, { generator: gaussianSampler(1) }));
    expect(shifted.values.fid).toBeGreaterThan(1.8);
    expect(shifted.values.fid).toBeLessThan(2.2);
  });

  it("fid of @gantry/metrics' (browser-safe) plugin keeps no statistics by name: FID_NO_STATISTICS_STORE, before sampling", async () => {
    const browser = createRegistry().use(browserMetricsPlugin);
    expect(browser.has("featureExtractor", "inception-v3")).toBe(false);
    const fid = browser.create("metric", "fid", { samples: 10, statistics: "ref.safetensors" }, { generator: gaussianSampler(0), data });
    await expect(fid.evaluate(ctx())).rejects.toMatchObject({ code: "FID_NO_STATISTICS_STORE" });
  });

  it("fid on an unbounded data set reads as many reference samples as it generates (no endless epoch)", async () => {
    const rows = gaussianRows(2, 600);
    const unbounded = { ...arrayDataset(rows, [2], { size: undefined }) };
    const r = await evaluate(registry.create("metric", "fid", { samples: 500, batchSize: 100 }, { generator: gaussianSampler(0), data: unbounded }));
    expect(r.details).toMatchObject({ n: 500, referenceN: 500 });
  });

  it("kid, precision-recall and density-coverage separate a shifted generator from a faithful one", async () => {
    const params = { samples: 300, referenceSamples: 300 };
    const run = (name: string, shift: number, extra = {}) =>
      evaluate(registry.create("metric", name, { ...params, ...extra }, { generator: gaussianSampler(shift), data }));
    const [kid0, kid3] = [await run("kid", 0, { subsets: 10, subsetSize: 100 }), await run("kid", 3, { subsets: 10, subsetSize: 100 })];
    // KID on 2-D Gaussians is noisy at subset size 100 (std ≈ 0.1): compare orders of magnitude.
    expect(Math.abs(kid0.values.kid)).toBeLessThan(0.25);
    expect(kid3.values.kid).toBeGreaterThan(20 * Math.abs(kid0.values.kid));
    expect(kid3.values.kid).toBeGreaterThan(1);
    const [pr0, pr3] = [await run("precision-recall", 0), await run("precision-recall", 3)];
    expect(pr0.values.precision).toBeGreaterThan(0.8);
    expect(pr0.values.recall).toBeGreaterThan(0.8);
    expect(pr3.values.precision).toBeLessThan(0.2);
    const [dc0, dc3] = [await run("density-coverage", 0), await run("density-coverage", 3)];
    expect(dc0.values.coverage).toBeGreaterThan(0.8);
    expect(dc3.values.coverage).toBeLessThan(0.2);
    expect(dc0.details).toMatchObject({ n: 300, referenceN: 300, extractor: "raw", k: 5 });
  });

  it("mode-coverage counts the modes a generator hits on a ring mixture", async () => {
    const centres = Array.from({ length: 8 }, (_, k) => [2 * Math.cos((2 * Math.PI * k) / 8), 2 * Math.sin((2 * Math.PI * k) / 8)]);
    const ring = arrayDataset(new Float32Array(16), [2], { mixture: { centres, std: 0.02 } });
    // A generator that covers only modes 0–2, with 10% of its samples far off (at the origin).
    const gen = functionSampler([2], (rng) => {
      if (rng.nextFloat() < 0.1) return [0, 0];
      const c = centres[rng.nextInt(3)];
      return [c[0] + 0.02 * rng.nextNormal(), c[1] + 0.02 * rng.nextNormal()];
    });
    const r = await evaluate(registry.create("metric", "mode-coverage", { samples: 1000 }, { generator: gen, data: ring }));
    expect(r.values.modes).toBe(3);
    expect(r.values.highQuality).toBeGreaterThan(0.85);
    expect(r.values.highQuality).toBeLessThan(0.95);
    expect(r.values.klToUniform).toBeGreaterThan(Math.log(8 / 3) - 0.05);
    expect(r.values.klToUniform).toBeLessThan(Math.log(8 / 3) + 0.05);
  });

  it("inception-score needs a classifier and says so", () => {
    expect(() => registry.create("metric", "inception-score", {}, { generator: gaussianSampler(0) })).toThrow(/domain-classifier/);
  });

  it("nearest-neighbours finds exact copies (distance 0) both ways and renders PNG grids", async () => {
    const images = arrayDataset(squares, [8, 8, 1]);
    const gen = functionSampler([8, 8, 1], (rng) => squareImage(rng.nextInt(6), rng.nextInt(6)));
    const r = await evaluate(registry.create("metric", "nearest-neighbours", { queries: 4, neighbours: 5, samples: 200, trainingSamples: 36 }, { generator: gen, data: images }));
    expect(r.values.meanNearestGenerated).toBe(0);
    expect(r.values.meanNearestTraining).toBe(0);
    expect(r.images).toHaveLength(2);
    const png = decode(r.images![0].png);
    // 4 rows of 8-px images with 2-px padding; 1 query + 5 neighbours + an 8-px gap.
    expect([png.width, png.height]).toEqual([2 + 10 * 6 + 8, 2 + 10 * 4]);
    const out = process.env.GANTRY_TEST_OUTPUT;
    if (out) writeFileSync(join(out, "nearest-generated.png"), r.images![0].png);
  });

  it("rejects a wrong value on a port by name", () => {
    expect(() => registry.create("metric", "kid", {}, { generator: gaussianSampler(0), data: { not: "a dataset" } })).toThrow(/"data"/);
  });
});

it("tensor count is unchanged after the suite's tensors are gone", () => {
  // Each evaluate() is leak-checked on its own; this also covers registry.create and the datasets.
  expect(tensorsBefore).toBeDefined();
  expect(tf.memory().numTensors - tensorsBefore!, "tensors left alive by this file's metrics").toBe(0);
});
