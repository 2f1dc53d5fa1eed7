import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { csvSink } from "./csv.js";

const time = "2026-01-01T00:00:00.000Z";
const read = (dir: string, file: string): string => readFileSync(join(dir, file), "utf8");

describe("sink/csv", () => {
  it("writes step stats to scalars.csv and metric values, long format, to metrics.csv", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gantry-csv-"));
    const sink = csvSink({ dir });
    await sink.handle({ type: "start", time, name: "x", step: 0, backend: "cpu" });
    await sink.handle({ type: "step", time, step: 1, stats: { gLoss: 0.5, dLoss: 1 } });
    await sink.handle({ type: "step", time, step: 2, stats: { dLoss: Number.NaN } });
    await sink.handle({ type: "metric", time, step: 2, node: "coverage", result: { values: { modes: 7, highQuality: 0.5 } } });
    await sink.close?.();
    expect(readdirSync(dir).sort()).toEqual(["metrics.csv", "scalars.csv"]);
    expect(read(dir, "scalars.csv")).toBe("step,gLoss,dLoss\n1,0.5,1\n2,,NaN\n");
    expect(read(dir, "metrics.csv")).toBe("step,node,key,value\n2,coverage,modes,7\n2,coverage,highQuality,0.5\n");
  });

  it("starts scalars-1.csv with the wider header when a new stat key appears, and a new file on resume", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gantry-csv-"));
    const sink = csvSink({ dir });
    await sink.handle({ type: "step", time, step: 1, stats: { a: 1 } });
    await sink.handle({ type: "step", time, step: 2, stats: { a: 2, "b,c": 3 } });
    await sink.close?.();
    expect(read(dir, "scalars.csv")).toBe("step,a\n1,1\n");
    expect(read(dir, "scalars-1.csv")).toBe('step,a,"b,c"\n2,2,3\n');
    const resumed = csvSink({ dir });
    await resumed.handle({ type: "step", time, step: 3, stats: { a: 4 } });
    await resumed.close?.();
    expect(read(dir, "scalars-2.csv")).toBe("step,a\n3,4\n");
  });
});
