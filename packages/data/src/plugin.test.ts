import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRegistry, tf, z, type Dataset } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { encodeIdx } from "./idx.js";
import { encodeNpy } from "./npy.js";
import { dataPlugin } from "./node-plugin.js";
import { dataPlugin as browserDataPlugin } from "./plugin.js";

describe("dataPlugin", () => {
  it("@gantry/data's (browser-safe) provides the synthetic mixtures only; /node's adds the five file datasets", () => {
    expect(browserDataPlugin.provides.map((e) => `${e.kind}/${e.name}`)).toEqual(["dataset/ring", "dataset/grid"]);
    expect(browserDataPlugin.name).toBe(dataPlugin.name);
  });

  it("provides the seven datasets with params schemas", () => {
    const names = dataPlugin.provides.map((e) => `${e.kind}/${e.name}`).sort();
    expect(names).toEqual(["cifar10", "fashion-mnist", "grid", "idx", "image-folder", "npy", "ring"].map((n) => `dataset/${n}`));
    for (const e of dataPlugin.provides) {
      const schema = z.toJSONSchema(e.params!) as { properties: Record<string, { default?: unknown }> };
      expect(schema.properties.batchSize.default).toBe(64);
    }
  });

  it("creates the ring of the design's example spec, exposing its modes", () => {
    const registry = createRegistry().use(dataPlugin);
    const d = registry.create("dataset", "ring", { modes: 8, radius: 2, std: 0.02, batchSize: 512 });
    expect(d.info.mixture?.centres).toHaveLength(8);
    expect(() => registry.create("dataset", "grid", { std: -1 })).toThrow();
  });
});

describeBackends("dataPlugin datasets", () => {
  it("stream() defaults to the batchSize param", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "gantry-plugin-"));
    writeFileSync(join(tmp, "x.npy"), encodeNpy({ dtype: "float32", shape: [10, 3], data: new Float32Array(30) }));
    writeFileSync(join(tmp, "i"), encodeIdx({ dtype: "uint8", shape: [10, 2, 2], data: new Uint8Array(40) }));
    const registry = createRegistry().use(dataPlugin);
    const sets: [Dataset, number[]][] = [
      [registry.create("dataset", "ring", { batchSize: 5 }), [5, 2]],
      [registry.create("dataset", "grid", { batchSize: 3, dim: 4 }), [3, 4]],
      [registry.create("dataset", "npy", { path: join(tmp, "x.npy"), batchSize: 4 }), [4, 3]],
      [registry.create("dataset", "idx", { images: join(tmp, "i"), batchSize: 2 }), [2, 2, 2, 1]],
    ];
    await expectNoTensorLeak(async () => {
      for (const [d, shape] of sets) {
        const { value } = await d.stream({ seed: 1 }).next();
        expect(value.x.shape).toEqual(shape);
        tf.dispose([value.x, ...(value.y ? [value.y] : [])]);
      }
    });
  });
});
