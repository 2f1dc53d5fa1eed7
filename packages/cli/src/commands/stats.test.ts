// `gantry stats` through main(): what it saves is the statistics @gantry/metrics computes in code, and
// the .npz it writes is what numpy (pytorch-fid's reader) reads back.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeNpy } from "@gantry/data";
import { gaussianStatistics, featureMatrix } from "@gantry/metrics";
import { loadNpzStatistics, loadStatistics } from "@gantry/metrics/node";
import { describe, expect, it } from "vitest";
import { main } from "../main.js";

async function gantry(args: readonly string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out, err: err.join("\n") };
}

describe("gantry stats", () => {
  const work = mkdtempSync(join(tmpdir(), "gantry-stats-"));
  // Feature rows [N, D]: saved as they are, so the reference is gaussianStatistics of the same rows.
  const rows = Float64Array.from({ length: 30 * 4 }, (_, i) => Math.sin(i * 1.7) * (1 + (i % 4)));
  const npy = join(work, "features.npy");
  writeFileSync(npy, encodeNpy({ dtype: "float64", shape: [30, 4], data: rows }));
  const expected = gaussianStatistics(featureMatrix(rows, 30, 4));

  it("saves .safetensors (with n and the extractor) and .npz holding the statistics computed in code, exactly", async () => {
    const r = await gantry(["stats", npy, "--out", join(work, "ref.safetensors"), "--json", "--backend", "cpu"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toHaveLength(1);
    expect(JSON.parse(r.out[0])).toMatchObject({ format: "safetensors", n: 30, featureDim: 4, extractor: "raw" });
    const saved = await loadStatistics(join(work, "ref.safetensors"));
    expect(saved).toMatchObject({ extractor: "raw", statistics: { n: 30, dim: 4 } });
    expect(Array.from(saved.statistics.cov)).toEqual(Array.from(expected.cov));
    expect((await gantry(["stats", npy, "--out", join(work, "ref.npz"), "--backend", "cpu"])).code).toBe(0);
    expect(Array.from((await loadNpzStatistics(join(work, "ref.npz"))).mean)).toEqual(Array.from(expected.mean));
  });

  it.skipIf(!existsSync("/usr/bin/python3"))("writes an .npz numpy reads as mu and sigma (pytorch-fid's reader)", async () => {
    const out = join(work, "numpy.npz");
    expect((await gantry(["stats", npy, "--out", out, "--backend", "cpu"])).code).toBe(0);
    const script = "import json, sys, numpy as np; f = np.load(sys.argv[1]); print(json.dumps({'mu': f['mu'].tolist(), 'sigma': f['sigma'].ravel().tolist(), 'dtype': str(f['sigma'].dtype)}))";
    let text: string;
    try {
      text = execFileSync("/usr/bin/python3", ["-c", script, out], { encoding: "utf8" });
    } catch {
      return; // numpy is not installed with this python: nothing to compare against
    }
    const read = JSON.parse(text) as { mu: number[]; sigma: number[]; dtype: string };
    expect(read.dtype).toBe("float64");
    expect(read.mu).toEqual(Array.from(expected.mean));
    expect(read.sigma).toEqual(Array.from(expected.cov));
  });

  it("checks its input first: --out missing or of an unknown format, a missing source, .npz to .safetensors", async () => {
    mkdirSync(join(work, "empty"), { recursive: true });
    const cases: [readonly string[], RegExp][] = [
      [["stats", npy], /CLI_BAD_OUT: --out: --out is required/],
      [["stats", npy, "--out", "ref.txt"], /CLI_BAD_OUT: --out: ref\.txt: unknown format/],
      [["stats", join(work, "nope.npy"), "--out", "x.npz"], /CLI_SOURCE_NOT_FOUND/],
      [["stats", join(work, "ref.npz"), "--out", join(work, "x.safetensors")], /CLI_STATS_NO_COUNT/],
    ];
    for (const [args, message] of cases) {
      const r = await gantry(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toMatch(message);
    }
    expect(existsSync(join(work, "x.safetensors"))).toBe(false);
  });
});
