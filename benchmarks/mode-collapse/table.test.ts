import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMeanStd, meanStd, runsCsv, summarize, summaryCsv, summaryMarkdown, type RunRecord } from "./table.ts";

// The vanilla GAN's 5 seeds from benchmarks/README.md ("mode-collapse — last measured"); the expected
// means and stds are numpy's (np.mean, np.std(ddof=1)) of the same numbers:
//   ring modes [6,8,6,7,7] → 6.8, 0.8366600265340756; high quality % [78.9,69.0,72.7,29.3,75.1] → 65.0, 20.27929979067325
//   grid modes [17,23,18,18,20] → 19.2, 2.3874672772626644; high quality % [29.4,36.3,56.4,41.0,48.1] → 42.24, 10.446674111888434
const ringHq = [78.9, 69.0, 72.7, 29.3, 75.1];
const gridHq = [29.4, 36.3, 56.4, 41.0, 48.1];
const record = (data: string, seed: number, modes: number, hqPct: number, wall: number): RunRecord => ({
  method: "vanilla", data, seed, steps: 10000, totalModes: data === "ring" ? 8 : 25, modes, highQuality: hqPct / 100, wallSeconds: wall,
  // The ring's first two seeds ran on wasm, the rest on native (as the real table's first seeds did).
  backend: data === "ring" && seed <= 2 ? "wasm" : "native",
});
const records: RunRecord[] = [
  ...[6, 8, 6, 7, 7].map((m, i) => record("ring", i + 1, m, ringHq[i], [110, 320, 120, 140, 80][i])),
  ...[17, 23, 18, 18, 20].map((m, i) => record("grid", i + 1, m, gridHq[i], 100)),
];

// Float64 sums of five numbers of this size agree with numpy's to a few ulps; 1e-12 relative leaves room
// for the /100 → ×100 round trip of the high-quality share.
const close = (actual: number, expected: number): void => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));

describe("meanStd", () => {
  it("matches numpy's mean and std(ddof=1)", () => {
    const m = meanStd([6, 8, 6, 7, 7]);
    close(m.mean, 6.8);
    close(m.std, 0.8366600265340756);
    const h = meanStd(ringHq);
    close(h.mean, 65.0);
    close(h.std, 20.27929979067325);
  });

  it("has no std for one value and no mean for none", () => {
    expect(meanStd([3])).toEqual({ mean: 3, std: NaN });
    expect(meanStd([])).toEqual({ mean: NaN, std: NaN });
  });

  it("is invariant under permutation and shifts by a constant with the mean only", () => {
    const values = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 12 });
    fc.assert(fc.property(values, fc.double({ min: -1e3, max: 1e3, noNaN: true }), (xs, c) => {
      const a = meanStd(xs);
      const r = meanStd([...xs].reverse());
      const s = meanStd(xs.map((x) => x + c));
      // Sums of ≤ 12 values ≤ 2e3 in magnitude: rounding error ≤ 12 · 2e3 · 2⁻⁵² ≈ 5e-12 absolute.
      expect(Math.abs(a.mean - r.mean)).toBeLessThan(1e-9);
      expect(Math.abs(a.std - r.std)).toBeLessThan(1e-9);
      expect(Math.abs(s.mean - (a.mean + c))).toBeLessThan(1e-9);
      expect(Math.abs(s.std - a.std)).toBeLessThan(1e-6);
      expect(a.std).toBeGreaterThanOrEqual(0);
    }));
  });
});

describe("summarize", () => {
  it("groups by method × dataset, in first-seen order, with sorted seeds", () => {
    const s = summarize([...records].reverse());
    expect(s.map((x) => x.data)).toEqual(["grid", "ring"]);
    const ring = s[1];
    expect(ring.seeds).toEqual([1, 2, 3, 4, 5]);
    close(ring.modes.mean, 6.8);
    close(ring.modes.std, 0.8366600265340756);
    close(ring.highQualityPct.mean, 65.0);
    close(ring.highQualityPct.std, 20.27929979067325);
    close(ring.wallSecondsMean, 154);
    close(s[0].modes.std, 2.3874672772626644);
    close(s[0].highQualityPct.mean, 42.24);
    close(s[0].highQualityPct.std, 10.446674111888434);
    expect(ring.backends).toBe("native 3, wasm 2");
    expect(s[0].backends).toBe("native 5");
  });

  it("keeps different budgets apart", () => {
    const s = summarize([records[0], { ...records[1], steps: 50 }]);
    expect(s.map((x) => [x.steps, x.seeds.length])).toEqual([[10000, 1], [50, 1]]);
  });
});

describe("formatting", () => {
  it("writes the summary CSV with an empty std for a single seed", () => {
    const csv = summaryCsv(summarize([...records, { ...records[0], method: "MAD-GAN, k=4" }]));
    expect(csv.split("\n")).toEqual([
      "method,data,steps,seeds,total_modes,modes_mean,modes_std,high_quality_pct_mean,high_quality_pct_std,wall_seconds_mean,backends",
      "vanilla,ring,10000,5,8,6.800,0.837,65.00,20.28,154.0,\"native 3, wasm 2\"",
      "vanilla,grid,10000,5,25,19.200,2.387,42.24,10.45,100.0,native 5",
      "\"MAD-GAN, k=4\",ring,10000,1,8,6.000,,78.90,,110.0,wasm 1",
      "",
    ]);
  });

  it("writes one CSV row per run", () => {
    expect(runsCsv(records.slice(0, 1))).toBe("method,data,steps,seed,total_modes,modes,high_quality_pct,wall_seconds,backend\nvanilla,ring,10000,1,8,6,78.90,110.0,wasm\n");
  });

  it("writes one Markdown table per dataset", () => {
    const md = summaryMarkdown(summarize(records));
    expect(md).toContain("### ring (8 modes)");
    expect(md).toContain("| vanilla | 10000 | 5 | 6.8 ± 0.8 | 65.0 ± 20.3 | 154.0 | native 3, wasm 2 |");
    expect(md).toContain("### grid (25 modes)");
    expect(md).toContain("| vanilla | 10000 | 5 | 19.2 ± 2.4 | 42.2 ± 10.4 | 100.0 | native 5 |");
    expect(formatMeanStd({ mean: 8, std: NaN }, 1)).toBe("8.0");
  });
});
