// The bundled example specs: every released one validates and the 2-D ones run a few steps as they
// are (steps and intervals shortened); planned ones fail with one error naming the package to install.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isGantryError } from "@gantry/core";
import { loadSpecFile, validateSpec } from "@gantry/pipeline";
import { describe, expect, it } from "vitest";
import { catalog, defaultRegistry } from "./default-registry.js";
import { main } from "./main.js";

const specs = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "examples", "specs");
const released = readdirSync(specs).filter((f) => f.endsWith(".yaml"));
const planned = readdirSync(join(specs, "planned")).filter((f) => f.endsWith(".yaml"));

/** The same spec, shortened: 3 steps (per round, and of AdaGAN's classifier), every interval 2, small metric sample counts. */
const shorten = (text: string): string =>
  text.replace(/\b(steps|stepsPerRound|classifierSteps): \d+/g, "$1: 3").replace(/every: \d+/g, "every: 2").replace(/samples: \{ every: 2, n: \d+ \}/, "samples: { every: 2, n: 64 }");

describe("examples/specs", () => {
  it("has the demo and one spec per released seed section", () => {
    expect(released).toEqual(expect.arrayContaining(["ring-gan.yaml", "ring-minimax.yaml", "ring-nonsaturating.yaml", "dcgan-fashion-mnist.yaml",
      "wgan.yaml", "wgan-gp.yaml", "instance-noise.yaml", "roth.yaml", "r1.yaml", "spectral-norm.yaml",
      "unrolled.yaml", "madgan-grid.yaml", "madgan-ring.yaml", "adagan.yaml", "adagan-ring.yaml"]));
  });

  it("gantry list regularizer shows the seven regularizers of @gantry/regularizers", async () => {
    const out: string[] = [];
    expect(await main(["list", "regularizer"], { stdout: (s) => out.push(s), stderr: () => {} })).toBe(0);
    const names = [...out.join("").matchAll(/^regularizer\/([a-z0-9-]+) +\(@gantry\/regularizers@/gm)].map((m) => m[1]);
    expect(names).toEqual(["gradient-penalty", "instance-noise", "r1", "r2", "roth", "spectral-norm", "weight-clipping"]);
  });

  for (const file of released) {
    it(`${file} validates`, async () => {
      const registry = await defaultRegistry();
      const graph = validateSpec(loadSpecFile(join(specs, file)), registry, { catalog });
      expect(graph.trainingNode).toBe("train");
    });
  }

  // The 2-D ones (ring and grid data) run shortened; a spec with a penalty regularizer must log it.
  const twoD = released.filter((f) => /use: dataset\/(ring|grid)\b/.test(readFileSync(join(specs, f), "utf8")));
  const penalties = ["roth", "gradient-penalty", "r1", "r2"];
  for (const file of twoD) {
    it(`${file} runs (shortened to 3 steps), every logged number finite`, async () => {
      const text = readFileSync(join(specs, file), "utf8");
      const cwd = mkdtempSync(join(tmpdir(), "gantry-example-"));
      writeFileSync(join(cwd, file), shorten(text));
      const err: string[] = [];
      const code = await main(["run", join(cwd, file), "--runs-dir", join(cwd, "runs")], { stdout: () => {}, stderr: (s) => err.push(s) });
      expect(code, err.join("\n")).toBe(0);
      const runsOf = join(cwd, "runs", readdirSync(join(cwd, "runs"))[0]);
      const events = readFileSync(join(runsOf, readdirSync(runsOf)[0], "events.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
      const stats = events.filter((e) => e.type === "step").map((e) => e.stats as Record<string, number | null>);
      expect(stats.length).toBeGreaterThan(0);
      for (const s of stats) for (const [k, v] of Object.entries(s)) expect(Number.isFinite(v), `${file}: ${k} = ${v}`).toBe(true);
      for (const name of penalties.filter((p) => text.includes(`use: regularizer/${p}`))) {
        expect(stats.every((s) => typeof s[`penalty/${name}`] === "number"), `${file} logs penalty/${name}`).toBe(true);
      }
    });
  }

  for (const file of planned) {
    it(`planned/${file} names the package that provides what it needs`, async () => {
      const registry = await defaultRegistry();
      let error: unknown;
      try {
        validateSpec(loadSpecFile(join(specs, "planned", file)), registry, { catalog });
      } catch (e) {
        error = e;
      }
      expect(isGantryError(error)).toBe(true);
      expect((error as Error).message).toMatch(/@gantry\/(regularizers|unrolled-optimizer|models)/);
    });
  }
});
