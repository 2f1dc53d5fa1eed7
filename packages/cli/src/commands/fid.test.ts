// `gantry fid` through main(): the number it prints is @gantry/metrics' FID of the same images, whatever
// form each side comes in (folder, .npy, .safetensors from gantry stats, pytorch-fid .npz).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Rng, tf } from "@gantry/core";
import { encodeNpy } from "@gantry/data";
import { imageFolder } from "@gantry/data/node";
import { datasetSource, frechetDistance, rawSpace, streamMoments } from "@gantry/metrics";
import { saveNpzStatistics, saveStatistics } from "@gantry/metrics/node";
import { encode } from "fast-png";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../main.js";

const SIDE = 4; // 4 × 4 RGB: 48 raw features, fewer than the 64 images, so both covariances are full rank.
const COUNT = 64;

/** COUNT random SIDE × SIDE RGB PNGs; `shift` moves the pixel distribution so the two folders differ. */
function writeFolder(dir: string, seed: number, shift: number): Uint8Array {
  mkdirSync(dir, { recursive: true });
  const rng = Rng.seeded(seed);
  const all = new Uint8Array(COUNT * SIDE * SIDE * 3);
  for (let i = 0; i < COUNT; i++) {
    const data = Uint8Array.from({ length: SIDE * SIDE * 3 }, () => Math.max(0, Math.min(255, Math.round(128 + shift + 50 * rng.nextNormal()))));
    all.set(data, i * data.length);
    writeFileSync(join(dir, `img-${String(i).padStart(3, "0")}.png`), encode({ width: SIDE, height: SIDE, data, channels: 3, depth: 8 }));
  }
  return all;
}

async function gantry(args: readonly string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out, err: err.join("\n") };
}

/** FID in code: @gantry/data's image folder, @gantry/metrics' streamed moments and Fréchet distance. */
async function fidInCode(a: string, b: string): Promise<number> {
  const stats = async (dir: string) => (await streamMoments(datasetSource(imageFolder({ dir }), undefined, 100, 0), rawSpace)).statistics();
  return frechetDistance(await stats(a), await stats(b)).fid;
}

const fidOf = async (args: readonly string[]): Promise<number> => {
  const r = await gantry(["fid", ...args, "--json", "--backend", "cpu"]);
  expect(r.code, r.err).toBe(0);
  expect(r.out).toHaveLength(1);
  return (JSON.parse(r.out[0]) as { fid: number }).fid;
};

describe("gantry fid", () => {
  const work = mkdtempSync(join(tmpdir(), "gantry-fid-"));
  const [a, b] = [join(work, "a"), join(work, "b")];
  let pixelsA: Uint8Array;
  let reference: number;

  beforeAll(async () => {
    pixelsA = writeFolder(a, 1, 0);
    writeFolder(b, 2, 20);
    await gantry(["fid", a, b, "--backend", "cpu"]); // sets the cpu backend up (useBackend registers it)
    reference = await fidInCode(a, b);
  });

  // Relative 1e-9: the folders are read in another order (the dataset shuffles), so the float64 sums
  // differ in rounding only; an FID ~1e2 computed from 64 samples agrees to ~1e-12 relative.
  it("prints the FID that @gantry/metrics computes in code on the same two folders of PNGs", async () => {
    const r = await gantry(["fid", a, b, "--backend", "cpu"]);
    expect(r.code, r.err).toBe(0);
    const printed = Number(/^FID: (\S+)$/m.exec(r.out.join("\n"))?.[1]);
    expect(reference).toBeGreaterThan(1);
    expect(Math.abs(printed - reference) / reference).toBeLessThan(1e-9);
    expect(r.out.join("\n")).toMatch(/raw features, dim 48/);
  });

  it("--json prints one JSON object and nothing else; no tensor is left behind", async () => {
    await fidOf([a, b]); // the first call sets the backend up
    const before = tf.memory().numTensors;
    const r = await gantry(["fid", a, b, "--json", "--backend", "cpu"]);
    expect(tf.memory().numTensors).toBe(before);
    expect(r.out).toHaveLength(1);
    expect(JSON.parse(r.out[0])).toMatchObject({ extractor: "raw", featureDim: 48, a: { source: "images", n: COUNT }, b: { source: "images", n: COUNT } });
  });

  it("gives the same number with one side as .npy samples, .safetensors statistics (gantry stats) or a pytorch-fid .npz", async () => {
    const npy = join(work, "a.npy");
    writeFileSync(npy, encodeNpy({ dtype: "uint8", shape: [COUNT, SIDE, SIDE, 3], data: pixelsA }));
    const safetensors = join(work, "b.safetensors");
    const npz = join(work, "b.npz");
    expect((await gantry(["stats", b, "--out", safetensors, "--backend", "cpu"])).code).toBe(0);
    expect((await gantry(["stats", b, "--out", npz, "--backend", "cpu"])).code).toBe(0);
    for (const args of [[npy, b], [a, safetensors], [a, npz]]) {
      expect(Math.abs((await fidOf(args)) - reference) / reference, args.join(" ")).toBeLessThan(1e-9);
    }
    // The same statistics in both formats: 0 up to the rounding of Tr(Σ) ~ 1e5 (48 features of variance ~2500).
    expect(Math.abs(await fidOf([npz, safetensors]))).toBeLessThan(1e-6);
  });

  it("refuses statistics of another extractor or dimension, naming the file", async () => {
    const other = join(work, "other.safetensors");
    const stats = { n: 3, dim: 48, mean: new Float64Array(48), cov: new Float64Array(48 * 48) };
    await saveStatistics(other, { statistics: stats, extractor: "inception-v3" });
    const wrongExtractor = await gantry(["fid", a, other, "--backend", "cpu"]);
    expect(wrongExtractor.code).toBe(2);
    expect(wrongExtractor.err).toMatch(/FID_EXTRACTOR_MISMATCH: .*other\.safetensors: statistics of "inception-v3" features/);
    const pytorch = join(work, "pool3.npz");
    await saveNpzStatistics(pytorch, { dim: 2, mean: new Float64Array(2), cov: Float64Array.from([1, 0, 0, 1]) });
    const wrongDim = await gantry(["fid", a, pytorch, "--backend", "cpu"]);
    expect(wrongDim.code).toBe(2);
    expect(wrongDim.err).toMatch(/FID_DIM_MISMATCH: .*pool3\.npz: 2-dimensional/);
  });

  it("checks its input first: a missing file, an unknown format, a bad flag or extractor", async () => {
    const cases: [readonly string[], RegExp][] = [
      [["fid", a, join(work, "nope")], /CLI_SOURCE_NOT_FOUND: .*nope: second source: no such file or folder/],
      [["fid", join(work, "x.txt"), b], /CLI_SOURCE_NOT_FOUND/],
      [["fid", a, b, "--extractor", "inceptoin-v3"], /CLI_UNKNOWN_EXTRACTOR: --extractor: inceptoin-v3: .*did you mean "inception-v3"/],
      [["fid", a, b, "--extractor", "inception-v3"], /CLI_NEEDS_MODEL/],
      [["fid", a, b, "--batch-size", "0"], /CLI_BAD_FLAG: --batch-size: 0/],
    ];
    writeFileSync(join(work, "x.txt"), "text");
    cases[1] = [["fid", join(work, "x.txt"), b], /CLI_UNKNOWN_SOURCE: .*x\.txt: first source: unknown format/];
    for (const [args, message] of cases) {
      const r = await gantry(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toMatch(message);
    }
  });
});
