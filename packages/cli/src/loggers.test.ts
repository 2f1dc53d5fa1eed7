// `sinks.loggers` through the real CLI (in process): a tiny run with sink/csv and sink/tensorboard writes
// scalars.csv, metrics.csv and a TensorBoard event file inside its run folder. The event file's CRCs and
// protobuf fields are checked in @gantry/loggers; here its TFRecord framing and tags are.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "./main.js";
import { tinySpec } from "./test-support/tiny-spec.js";

/** The data of each TFRecord: uint64 length, 4-byte CRC, data, 4-byte CRC. */
function records(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += 16 + Number(bytes.readBigUInt64LE(at))) {
    out.push(bytes.subarray(at + 12, at + 12 + Number(bytes.readBigUInt64LE(at))));
  }
  return out;
}

describe("gantry run with sinks.loggers", () => {
  it("writes CSV and TensorBoard files inside the run folder", async () => {
    const work = mkdtempSync(join(tmpdir(), "gantry-loggers-"));
    const spec = `${tinySpec("logged", 10, 10)}  loggers: [{ use: sink/csv }, { use: sink/tensorboard, params: { dir: tb } }]\n`;
    writeFileSync(join(work, "logged.yaml"), spec);
    const err: string[] = [];
    const code = await main(["run", join(work, "logged.yaml"), "--runs-dir", join(work, "runs")], { stdout: () => {}, stderr: (s) => err.push(s) });
    expect(code, err.join("\n")).toBe(0);
    const runs = join(work, "runs", "logged");
    const run = join(runs, readdirSync(runs)[0]);
    const scalars = readFileSync(join(run, "scalars.csv"), "utf8").trim().split("\n");
    expect(scalars[0]).toMatch(/^step,.*gLoss/);
    expect(scalars.slice(1).map((l) => Number(l.split(",")[0]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(readFileSync(join(run, "metrics.csv"), "utf8")).toMatch(/^step,node,key,value\n10,coverage,modes,\d/);
    const [file, ...others] = readdirSync(join(run, "tb"));
    expect(others).toEqual([]);
    expect(file).toMatch(/^events\.out\.tfevents\.\d+\.\S+$/);
    const data = records(readFileSync(join(run, "tb", file)));
    expect(data[0].toString("latin1")).toContain("brain.Event:2");
    expect(data).toHaveLength(1 + 10 + 1);
    expect(data[1].toString("latin1")).toContain("gLoss");
    expect(data.at(-1)!.toString("latin1")).toContain("coverage/modes");
  });

  it("rejects a logger dir outside the run folder before training", async () => {
    const work = mkdtempSync(join(tmpdir(), "gantry-loggers-"));
    writeFileSync(join(work, "bad.yaml"), `${tinySpec("bad", 10)}  loggers: [{ use: sink/tensorboard, params: { dir: ../elsewhere } }]\n`);
    const err: string[] = [];
    const code = await main(["run", join(work, "bad.yaml"), "--runs-dir", join(work, "runs")], { stdout: () => {}, stderr: (s) => err.push(s) });
    expect(code).not.toBe(0);
    expect(err.join("\n")).toMatch(/sinks\.loggers\.0\.params\.dir.*relative folder inside the run folder/s);
  });
});
