import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRegistry, tf } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import * as tfl from "@tensorflow/tfjs-layers";
import { expect, it } from "vitest";
import { inceptionV3Sync, loadInceptionV3 } from "./inception-v3-files.js";
import { modelDirectory } from "./model-directory.js";
import { metricsPlugin } from "./node-plugin.js";

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

/** A tiny "Inception": 8×8×3 → conv → global average pool → features (6) → logits (3), two outputs. */
function tinyLayersModel(): tfl.LayersModel {
  const input = tfl.input({ shape: [8, 8, 3] });
  const conv = tfl.layers.conv2d({ filters: 4, kernelSize: 3, activation: "relu", kernelInitializer: "glorotNormal", biasInitializer: "randomNormal" }).apply(input) as tfl.SymbolicTensor;
  const pooled = tfl.layers.globalAveragePooling2d({}).apply(conv) as tfl.SymbolicTensor;
  const features = tfl.layers.dense({ units: 6, activation: "relu", biasInitializer: "randomNormal" }).apply(pooled) as tfl.SymbolicTensor;
  const logits = tfl.layers.dense({ units: 3 }).apply(features) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: [features, logits] });
}

/** A hand-written TF graph model (what tensorflowjs_converter emits): mean over H, W, then two MatMuls. */
function writeGraphModel(dir: string, w1: number[], w2: number[]): void {
  const shape = (...dims: number[]) => ({ dim: dims.map((d) => ({ size: String(d) })) });
  const constNode = (name: string, dtype: string, dims: number[]) => ({ name, op: "Const", attr: { value: { tensor: { dtype, tensorShape: shape(...dims) } }, dtype: { type: dtype } } });
  const matmul = (name: string, a: string, b: string) => ({ name, op: "MatMul", input: [a, b], attr: { transpose_a: { b: false }, transpose_b: { b: false }, T: { type: "DT_FLOAT" } } });
  const model = {
    format: "graph-model", generatedBy: "test", convertedBy: "hand",
    modelTopology: {
      node: [
        { name: "x", op: "Placeholder", attr: { dtype: { type: "DT_FLOAT" }, shape: { shape: shape(-1, 8, 8, 3) } } },
        constNode("axes", "DT_INT32", [2]), constNode("w1", "DT_FLOAT", [3, 5]), constNode("w2", "DT_FLOAT", [5, 2]),
        { name: "pool", op: "Mean", input: ["x", "axes"], attr: { keep_dims: { b: false }, T: { type: "DT_FLOAT" }, Tidx: { type: "DT_INT32" } } },
        matmul("features", "pool", "w1"), matmul("logits", "features", "w2"),
      ],
      library: {}, versions: {},
    },
    weightsManifest: [{ paths: ["group1-shard1of1.bin"], weights: [
      { name: "axes", shape: [2], dtype: "int32" }, { name: "w1", shape: [3, 5], dtype: "float32" }, { name: "w2", shape: [5, 2], dtype: "float32" },
    ] }],
  };
  const bytes = new Uint8Array([...new Uint8Array(Int32Array.from([1, 2]).buffer), ...new Uint8Array(Float32Array.from([...w1, ...w2]).buffer)]);
  writeFileSync(join(dir, "model.json"), JSON.stringify(model));
  writeFileSync(join(dir, "group1-shard1of1.bin"), bytes);
}

describeBackends("inception-v3 loader", () => {
  it("loads a layers model saved to a folder and reproduces its outputs (grey 8×8 input tiled to RGB)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gantry-layers-"));
    const model = tinyLayersModel();
    await model.save(modelDirectory(dir));
    const ex = await loadInceptionV3({ path: dir, inputSize: 8, featuresOutput: 0, logitsOutput: 1 });
    expect(ex.featureDim).toBe(6);
    expect(ex.numClasses).toBe(3);
    const x = tf.randomUniform([2, 8, 8, 1], -1, 1, "float32", 1);
    await expectNoTensorLeak(() => {
      const [f0, l0] = tf.tidy(() => model.predict(tf.tile(x, [1, 1, 1, 3])) as tf.Tensor[]);
      const f = ex.features(x);
      const l = ex.logits!(x);
      // Same kernels on the same backend: equal up to float32 rounding of identical op sequences.
      expect(maxAbsDiff(f, f0)).toBeLessThan(1e-6);
      expect(maxAbsDiff(l, l0)).toBeLessThan(1e-6);
      tf.dispose([f0, l0, f, l]);
    });
    x.dispose();
    model.dispose();
  });

  it("loads a graph model synchronously (registry entry) and resizes inputs to the network's size", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gantry-graph-"));
    const w1 = Array.from({ length: 15 }, (_, i) => (i - 7) / 5);
    const w2 = Array.from({ length: 10 }, (_, i) => (i % 3) - 1);
    writeGraphModel(dir, w1, w2);
    const ex = createRegistry().use(metricsPlugin).create("featureExtractor", "inception-v3", { path: dir, inputSize: 8, featuresNode: "features", logitsNode: "logits" });
    expect(ex.featureDim).toBe(5);
    const x = tf.randomUniform([3, 8, 8, 3], -1, 1, "float32", 2);
    await expectNoTensorLeak(() => {
      const expected = tf.tidy(() => tf.matMul(tf.mean(x, [1, 2]), tf.tensor2d(w1, [3, 5])));
      const f = ex.features(x);
      expect(f.shape).toEqual([3, 5]);
      expect(maxAbsDiff(f, expected)).toBeLessThan(1e-5);
      const logits = ex.logits!(x);
      expect(logits.shape).toEqual([3, 2]);
      // A 4×4 input is resized to 8×8 first; a constant image stays constant under bilinear resizing.
      const flat = tf.fill([1, 4, 4, 3], 0.5);
      const g = ex.features(flat);
      const want = tf.tidy(() => tf.matMul(tf.fill([1, 3], 0.5), tf.tensor2d(w1, [3, 5])));
      expect(maxAbsDiff(g, want)).toBeLessThan(1e-5);
      tf.dispose([expected, f, logits, flat, g, want]);
    });
    x.dispose();
    const direct = inceptionV3Sync({ path: join(dir, "model.json"), inputSize: 8, featuresNode: "features" });
    expect(direct.logits).toBeUndefined();
  });

  it("says what to do when the folder holds no model", async () => {
    await expect(loadInceptionV3({ path: "/nonexistent/inception" })).rejects.toThrow(/model\.json/);
  });
});
