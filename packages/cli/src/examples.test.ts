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

/** The same spec, shortened: 3 steps, every interval 2, small metric sample counts. */
const shorten = (text: string): string =>
  text.replace(/steps: \d+/g, "steps: 3").replace(/every: \d+/g, "every: 2").replace(/samples: \{ every: 2, n: \d+ \}/, "samples: { every: 2, n: 64 }");

describe("examples/specs", () => {
  it("has the demo and one spec per released seed section", () => {
    expect(released).toEqual(expect.arrayContaining(["ring-gan.yaml", "ring-minimax.yaml", "ring-nonsaturating.yaml", "dcgan-fashion-mnist.yaml"]));
  });

  for (const file of released) {
    it(`${file} validates`, async () => {
      const registry = await defaultRegistry();
      const graph = validateSpec(loadSpecFile(join(specs, file)), registry, { catalog });
      expect(graph.trainingNode).toBe("train");
    });
  }

  for (const file of released.filter((f) => /^(ring|grid)-/.test(f))) {
    it(`${file} runs (shortened to 3 steps)`, async () => {
      const cwd = mkdtempSync(join(tmpdir(), "gantry-example-"));
      writeFileSync(join(cwd, file), shorten(readFileSync(join(specs, file), "utf8")));
      const err: string[] = [];
      const code = await main(["run", join(cwd, file), "--runs-dir", join(cwd, "runs")], { stdout: () => {}, stderr: (s) => err.push(s) });
      expect(code, err.join("\n")).toBe(0);
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
