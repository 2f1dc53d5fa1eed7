import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isGantryError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { appendJsonl, createRunDirectory, ensureRunDirectory, openRunDirectory, readJsonl, runTimestamp, truncateJsonl } from "./run-directory.js";

describe("run directories", () => {
  it("creates runs/<name>/<timestamp>/ with the spec and empty logs, never reusing a folder", () => {
    const root = mkdtempSync(join(tmpdir(), "gantry-runs-"));
    const now = new Date("2026-11-25T10:00:00.000Z");
    const a = createRunDirectory(root, "ring", "name: ring\n", now);
    const b = createRunDirectory(root, "ring", "name: ring\n", now);
    expect(a.path).toBe(join(root, "ring", "2026-11-25T10-00-00-000Z"));
    expect(b.path).not.toBe(a.path);
    expect(readFileSync(a.specFile, "utf8")).toBe("name: ring\n");
    expect(openRunDirectory(a.path).eventsFile).toBe(a.eventsFile);
    expect(runTimestamp(now)).not.toMatch(/:/);
  });

  it("ensures a run at a fixed path: created once, reopened with its logs, a different spec refused", () => {
    const path = join(mkdtempSync(join(tmpdir(), "gantry-runs-")), "sweep", "s1-abc");
    const a = ensureRunDirectory(path, "name: a\n");
    expect(readFileSync(a.specFile, "utf8")).toBe("name: a\n");
    expect(openRunDirectory(path).checkpointsDir).toBe(join(path, "checkpoints"));
    appendJsonl(a.eventsFile, { type: "start", step: 0 });
    expect(readJsonl(ensureRunDirectory(path, "name: a\n").eventsFile)).toHaveLength(1);
    const err = (() => { try { ensureRunDirectory(path, "name: b\n"); } catch (e) { return e; } })();
    expect(isGantryError(err, "RUN_SPEC_MISMATCH")).toBe(true);
    expect(readFileSync(a.specFile, "utf8")).toBe("name: a\n");
  });

  it("refuses a folder that is not a run", () => {
    const err = (() => { try { openRunDirectory(tmpdir()); } catch (e) { return e; } })();
    expect(isGantryError(err, "RUN_NOT_FOUND")).toBe(true);
  });

  it("truncates JSONL to a step, keeping step-less lines and dropping a torn last line", () => {
    const file = join(mkdtempSync(join(tmpdir(), "gantry-jsonl-")), "events.jsonl");
    writeFileSync(file, "");
    appendJsonl(file, { type: "start", step: 0 });
    for (let s = 1; s <= 5; s++) appendJsonl(file, { type: "step", step: s });
    appendJsonl(file, { note: "no step" });
    appendFileSync(file, '{"type":"step","st'); // a crash mid-write
    expect(readJsonl(file)).toHaveLength(7);
    truncateJsonl(file, 3);
    expect(readJsonl<{ step?: number }>(file).map((e) => e.step)).toEqual([0, 1, 2, 3, undefined]);
  });
});
