import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isGantryError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { fixtureGaussian } from "./fixture-gaussians.test-support.js";
import { RunningMoments } from "./running-moments.js";
import { decodeStatistics, encodeStatistics, momentsFromStatistics } from "./statistics-file.js";
import { loadStatistics, saveStatistics } from "./statistics-store.js";

describe("statistics files", () => {
  const stats = fixtureGaussian(3, 16, 40, 1);

  it("round-trips mean, covariance, n and extractor exactly (float64 safetensors)", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "gantry-stats-")), "sub", "ref.safetensors");
    await saveStatistics(path, { statistics: stats, extractor: "domain-classifier" });
    const back = await loadStatistics(path);
    expect(back.extractor).toBe("domain-classifier");
    expect(back.statistics.n).toBe(40);
    expect(Array.from(back.statistics.mean)).toEqual(Array.from(stats.mean));
    expect(Array.from(back.statistics.cov)).toEqual(Array.from(stats.cov));
  });

  it("is readable by numpy's safetensors layout (F64 tensors named mean and cov)", () => {
    const bytes = encodeStatistics({ statistics: stats, extractor: "raw" });
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
    expect(header.mean).toMatchObject({ dtype: "F64", shape: [16] });
    expect(header.cov).toMatchObject({ dtype: "F64", shape: [16, 16] });
    expect(header.__metadata__).toMatchObject({ n: "40", extractor: "raw" });
  });

  it("saved statistics merge back into a running state (M2 = Σ(n − 1))", () => {
    const merged = RunningMoments.fromState(momentsFromStatistics(stats)).merge(momentsFromStatistics(stats)).statistics();
    expect(merged.n).toBe(80);
    // Two copies of one set: same mean, covariance scaled by (2n − 2)/(2n − 1).
    expect(merged.cov[5]).toBeCloseTo((stats.cov[5] * 78) / 79, 14);
  });

  it("rejects other files with a hint", () => {
    const path = join(mkdtempSync(join(tmpdir(), "gantry-stats-")), "bad.safetensors");
    writeFileSync(path, "not safetensors");
    return loadStatistics(path).catch((e) => expect(isGantryError(e)).toBe(true));
  });

  it("rejects a safetensors file without the statistics layout", () => {
    const bytes = encodeStatistics({ statistics: stats, extractor: "raw" });
    bytes[20] = "X".charCodeAt(0);
    expect(() => decodeStatistics(bytes)).toThrow();
  });
});
