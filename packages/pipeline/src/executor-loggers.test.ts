// The executor and `sinks.loggers`: every persisted event reaches each sink (awaited, in order, respecting
// sinks.log.every), the sink is created with the run folder, closed at the end, and its failures name it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRegistry, definePlugin, entry, isGantryError, tf, z, type GantryEvent } from "@gantry/core";
import { beforeAll, describe, expect, it } from "vitest";
import { executePipeline } from "./executor.js";
import { parseSpecText } from "./load-spec.js";
import { createRunDirectory } from "./run-directory.js";
import { fakeTrainingPlugin, fakeTrainingYaml } from "./test-support/fake-training.js";
import { validateSpec } from "./validate-spec.js";

interface Recorded { readonly runDir?: string; readonly tag: string; readonly log: string[] }
const recorded: Recorded[] = [];

const recordingPlugin = definePlugin({
  name: "recording-sink", version: "1.0.0",
  provides: [entry({
    kind: "sink", name: "recording", params: z.object({ tag: z.string(), failOn: z.string().optional() }).strict(),
    create: (p, _inputs, context) => {
      const r: Recorded = { runDir: context.runDir, tag: p.tag, log: [] };
      recorded.push(r);
      return {
        name: "recording",
        // Async and slow on purpose: the executor must await each event before the next one.
        handle: async (e: GantryEvent) => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          if (e.type === p.failOn) throw new Error("disk full");
          r.log.push(`${e.type}@${e.step}`);
        },
        close: async () => { r.log.push("close"); },
      };
    },
  })],
});

const registry = createRegistry().use(fakeTrainingPlugin).use(recordingPlugin);

async function run(yaml: string) {
  const loaded = parseSpecText(yaml, "spec.yaml");
  const graph = validateSpec(loaded, registry);
  const dir = createRunDirectory(mkdtempSync(join(tmpdir(), "gantry-loggers-")), "drift", loaded.text);
  return { dir, result: await executePipeline({ dir, registry, loaded, graph }) };
}

const withLoggers = (steps: number, loggers: string, logEvery = 1): string => fakeTrainingYaml(steps)
  .replace("log: { every: 1 } }", `log: { every: ${logEvery} }, loggers: ${loggers} }`);

describe("executePipeline with sinks.loggers", () => {
  beforeAll(async () => {
    await import("@tensorflow/tfjs-backend-cpu");
    await tf.setBackend("cpu");
  });

  it("hands every persisted event to each logger in order, then closes it", async () => {
    recorded.length = 0;
    const { dir } = await run(withLoggers(6, "[{ use: sink/recording, params: { tag: a } }, { use: sink/recording, params: { tag: b } }]", 2));
    expect(recorded.map((r) => [r.tag, r.runDir])).toEqual([["a", dir.path], ["b", dir.path]]);
    expect(recorded[0].log).toEqual([
      "start@0", "step@2", "checkpoint@3", "step@4", "metric@4", "sample@5", "step@6", "checkpoint@6",
      "metric@6", "metric@6", "sample@6", "end@6", "close", // both observers (mean, final) and the samples at the end
    ]);
    expect(recorded[1].log).toEqual(recorded[0].log);
  });

  it("fails the run naming the logger when a sink throws, and still closes the loggers", async () => {
    recorded.length = 0;
    const error = await run(withLoggers(4, "[{ use: sink/recording, params: { tag: a, failOn: checkpoint } }]")).then(() => undefined, (e: unknown) => e);
    expect(isGantryError(error) && error.code).toBe("SINK_FAILED");
    expect((error as Error).message).toMatch(/logger sink\/recording failed on a checkpoint event: disk full/);
    expect(recorded[0].log).toEqual(["start@0", "step@1", "step@2", "step@3", "close"]);
  });
});
