import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tensorboardSink } from "./tensorboard.js";
import { readEventFile } from "./tfevents.test-support.js";

const time = "2026-01-01T00:00:00.000Z";

describe("sink/tensorboard", () => {
  it("writes file_version first, then one scalar summary per step and per metric; others are skipped", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "gantry-tb-")), "tensorboard");
    let t = 1_700_000_000.25;
    const sink = tensorboardSink({ dir, clock: () => (t += 1) });
    await sink.handle({ type: "start", time, name: "x", step: 0, backend: "cpu" });
    await sink.handle({ type: "step", time, step: 1, stats: { gLoss: 0.5, dLoss: 1.25 } });
    await sink.handle({ type: "step", time, step: 2, stats: { gLoss: 0.75, dLoss: Number.NaN } });
    await sink.handle({ type: "metric", time, step: 2, node: "coverage", result: { values: { modes: 7 } } });
    await sink.handle({ type: "checkpoint", time, step: 2, path: "c" });
    await sink.handle({ type: "end", time, step: 2, reason: "completed" });
    await sink.close?.();
    const files = readdirSync(dir);
    expect(files).toEqual([`events.out.tfevents.1700000001.${hostname()}`]);
    const events = readEventFile(join(dir, files[0]));
    expect(events[0]).toEqual({ wallTime: 1_700_000_001.25, step: 0, fileVersion: "brain.Event:2", values: [] });
    expect(events.slice(1).map((e) => ({ step: e.step, values: e.values }))).toEqual([
      { step: 1, values: [{ tag: "gLoss", value: 0.5 }, { tag: "dLoss", value: 1.25 }] },
      { step: 2, values: [{ tag: "gLoss", value: 0.75 }, { tag: "dLoss", value: Number.NaN }] },
      { step: 2, values: [{ tag: "coverage/modes", value: 7 }] },
    ]);
    expect(events[1].wallTime).toBe(1_700_000_002.25);
  });

  it("writes steps beyond 2^31 and float32-rounded values", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gantry-tb-"));
    const sink = tensorboardSink({ dir, clock: () => 5 });
    await sink.handle({ type: "step", time, step: 2 ** 33 + 1, stats: { x: 0.1 } });
    await sink.close?.();
    const [, event] = readEventFile(join(dir, readdirSync(dir)[0]));
    expect(event.step).toBe(2 ** 33 + 1);
    expect(event.values[0].value).toBe(Math.fround(0.1));
  });

  // An independent reader (fixtures/read_tfevents.py: its own CRC-32C from the polynomial, its own protobuf
  // walk) must read the same events: the sink and the TS reader of these tests could share a mistake.
  const python = spawnSync("python3", ["--version"]).status === 0;
  it.skipIf(!python)("a Python reader with its own CRC-32C reads the same events", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gantry-tb-"));
    const sink = tensorboardSink({ dir, clock: () => 1_800_000_000.5 });
    await sink.handle({ type: "start", time, name: "x", step: 0, backend: "cpu" });
    for (let step = 1; step <= 50; step++) await sink.handle({ type: "step", time, step, stats: { gLoss: Math.sin(step), dLoss: 1 / step } });
    await sink.handle({ type: "metric", time, step: 50, node: "coverage", result: { values: { modes: 8, highQuality: 0.75 } } });
    await sink.close?.();
    const file = join(dir, readdirSync(dir)[0]);
    const script = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "read_tfevents.py");
    const out = spawnSync("python3", [script, file], { encoding: "utf8" });
    expect(out.stderr).toBe("");
    const fromPython = JSON.parse(out.stdout) as { step: number; wallTime?: number; fileVersion?: string; values: { tag: string; value: number }[] }[];
    const fromTs = readEventFile(file);
    expect(fromPython).toHaveLength(52);
    expect(fromPython.map((e) => ({ step: e.step, wallTime: e.wallTime, fileVersion: e.fileVersion, values: e.values })))
      .toEqual(fromTs.map((e) => ({ step: e.step, wallTime: e.wallTime, fileVersion: e.fileVersion, values: e.values })));
  });
});
