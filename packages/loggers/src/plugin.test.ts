import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRegistry, isGantryError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { loggersPlugin } from "./plugin.js";

const registry = createRegistry().use(loggersPlugin);

describe("loggersPlugin", () => {
  it("creates both sinks inside the run folder it is handed", async () => {
    const runDir = mkdtempSync(join(tmpdir(), "gantry-loggers-"));
    const csv = registry.create("sink", "csv", {}, {}, { runDir });
    const tb = registry.create("sink", "tensorboard", { dir: "tb/x" }, {}, { runDir });
    await csv.handle({ type: "step", time: "t", step: 1, stats: { a: 1 } });
    await csv.close?.();
    await tb.close?.();
    expect(readdirSync(runDir).sort()).toEqual(["scalars.csv", "tb"]);
    expect(readdirSync(join(runDir, "tb", "x"))[0]).toMatch(/^events\.out\.tfevents\.\d+\./);
  });

  it("rejects a dir outside the run folder, and a sink created without one", () => {
    for (const dir of ["/tmp/x", "../x", "a/../../x"]) {
      expect(() => registry.parseParams("sink", "tensorboard", { dir })).toThrow(/relative folder inside the run folder/);
    }
    expect(registry.parseParams("sink", "csv", { dir: "logs/./csv" })).toEqual({ dir: "logs/./csv" });
    try {
      registry.create("sink", "csv", {});
      expect.unreachable();
    } catch (e) {
      expect(isGantryError(e) && e.code).toBe("SINK_NO_RUN_DIR");
    }
  });
});
