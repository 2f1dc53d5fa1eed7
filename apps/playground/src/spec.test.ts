// The playground's exported spec against the real CLI: every loss and regularizer, Unrolled K and
// MAD-GAN k appear in at least one spec that `gantry validate` must accept, and one spec is run for
// 20 steps and its metrics read back, so the export cannot drift from what `gantry run` accepts.
// Needs the built CLI (npm run build).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { isGantryError } from "@gantry/core";
import { DEFAULT_SETTINGS, LOSSES, REGULARIZERS, buildSpec, specYaml, type PlaygroundSettings } from "./spec.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const CLI = join(ROOT, "packages", "cli", "dist", "bin.js");
const tmp = mkdtempSync(join(tmpdir(), "gantry-playground-spec-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function settings(over: Partial<PlaygroundSettings>): PlaygroundSettings {
  return { ...DEFAULT_SETTINGS, ...over };
}

/** Each loss and each regularizer once, plus the look-ahead and MAD-GAN, in combinations that make sense. */
const CASES: readonly Partial<PlaygroundSettings>[] = [
  {},
  { loss: "minimax", regularizer: "instance-noise", unrolledSteps: 3 },
  { dataset: "grid", loss: "wasserstein", regularizer: "gradient-penalty", dSteps: 5, learningRate: 0.0001 },
  { loss: "wasserstein", regularizer: "weight-clipping", dSteps: 5 },
  { loss: "hinge", regularizer: "spectral-norm" },
  { loss: "least-squares", regularizer: "r1" },
  { loss: "relativistic-average", regularizer: "r2" },
  { loss: "non-saturating", regularizer: "roth", unrolledSteps: 1 },
  { madganGenerators: 4 },
  { dataset: "grid", madganGenerators: 3, regularizer: "r1" },
];

function cli(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: tmp });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function writeSpec(name: string, s: PlaygroundSettings): string {
  const file = join(tmp, `${name}.yaml`);
  writeFileSync(file, specYaml(s));
  return file;
}

describe("playground spec", () => {
  it("covers every loss and regularizer in CASES", () => {
    const all = CASES.map(settings);
    expect(new Set(all.map((s) => s.loss))).toEqual(new Set(LOSSES));
    expect(new Set(all.map((s) => s.regularizer))).toEqual(new Set(REGULARIZERS));
  });

  it("writes YAML that reads back as the spec object", () => {
    for (const c of CASES) expect(parse(specYaml(settings(c)))).toEqual(buildSpec(settings(c)));
  });

  it("refuses MAD-GAN with a look-ahead and non-integer counts, naming the setting", () => {
    const cases: [Partial<PlaygroundSettings>, RegExp][] = [
      [{ madganGenerators: 2, unrolledSteps: 5 }, /no lookahead port/],
      [{ unrolledSteps: 1.5 }, /unrolledSteps/],
      [{ batchSize: 0 }, /batchSize/],
      [{ learningRate: 0 }, /learningRate/],
    ];
    for (const [over, message] of cases) {
      let caught: unknown;
      try {
        buildSpec(settings(over));
      } catch (e) {
        caught = e;
      }
      expect(isGantryError(caught) && caught.code).toBe("PLAYGROUND_BAD_SETTING");
      expect((caught as Error).message).toMatch(message);
    }
  });

  it.skipIf(!existsSync(CLI)).each(CASES.map((c, i) => [i, c] as const))("gantry validate accepts case %i", (i, c) => {
    const r = cli("validate", writeSpec(`case-${i}`, settings(c)));
    expect(r.status, `${JSON.stringify(c)}\n${r.out}`).toBe(0);
  });

  it.skipIf(!existsSync(CLI))("gantry run trains the default export for 20 steps and measures mode coverage", () => {
    const runs = join(tmp, "runs");
    const r = cli("run", writeSpec("run", settings({})), "--backend", "wasm", "--set", "nodes.train.params.steps=20",
      "--set", "nodes.coverage.every=10", "--runs-dir", runs);
    expect(r.status, r.out).toBe(0);
    const specDir = join(runs, readdirSync(runs)[0]);
    const runDir = join(specDir, readdirSync(specDir)[0]);
    const metrics = readFileSync(join(runDir, "metrics.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const coverage = metrics.filter((m) => m.node === "coverage");
    expect(coverage.map((m) => m.step)).toEqual([10, 20]);
    expect(coverage[1].values.modes).toBeGreaterThanOrEqual(0);
    expect(coverage[1].details.totalModes).toBe(8);
  });
});
